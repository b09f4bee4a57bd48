using CodeExecution.Core.Runtimes.Modules;

namespace CodeExecution.Core.Runtimes.Python;

/// <summary>
/// The <c>python</c> manifest entry: a <see cref="PythonRuntime"/> resuming from its snapshot, or starting every
/// execution cold when the snapshot cannot be baked (the reason is in its environment).
/// </summary>
internal sealed class PythonRuntimeProvider : ILanguageRuntimeProvider
{
    public string RuntimeName => "python";

    public async Task<IReadOnlyList<ILanguageRuntime>> CreateAsync(RuntimeBuildContext context, CancellationToken cancellationToken)
    {
        var runtime = context.Module.Runtime;
        var root = PythonRoot.Create(runtime, context.Catalog);
        PythonSnapshot? snapshot = null;
        string? reason = null;
        try
        {
            snapshot = await new PythonSnapshotBuilder(context.Engine, context.Store, root)
                .BuildAsync(runtime, context.Module.Module, () => context.Catalog.ReadVerified(runtime.File, runtime.Sha256), cancellationToken);
        }
        catch (OperationCanceledException)
        {
            root.Dispose();
            throw;
        }
        catch (Exception e)
        {
            reason = $"The start-up snapshot could not be baked, so every execution starts cold: {e.Message}";
        }

        return [new PythonRuntime(context.Engine, context.Module, root, snapshot, reason)];
    }
}
