namespace CodeExecution.Core.Runtimes.Ruby;

/// <summary>
/// The <c>ruby</c> manifest entry: a <see cref="RubyRuntime"/> resuming from its snapshot, or starting every
/// execution cold when the snapshot cannot be baked (the reason is in its environment).
/// </summary>
internal sealed class RubyRuntimeProvider : ILanguageRuntimeProvider
{
    public string RuntimeName => "ruby";

    public async Task<IReadOnlyList<ILanguageRuntime>> CreateAsync(RuntimeBuildContext context, CancellationToken cancellationToken)
    {
        var runtime = context.Module.Runtime;
        RubySnapshot? snapshot = null;
        string? reason = null;
        try
        {
            snapshot = await new RubySnapshotBuilder(context.Engine, context.Store)
                .BuildAsync(runtime, context.Module.Module, () => context.Catalog.ReadVerified(runtime.File, runtime.Sha256), cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            reason = $"The start-up snapshot could not be baked, so every execution starts cold: {e.Message}";
        }

        return [new RubyRuntime(context.Engine, context.Module, snapshot, reason)];
    }
}
