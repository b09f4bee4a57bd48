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
        PythonSnapshot? snapshot = null;
        string? reason = null;
        try
        {
            snapshot = await new PythonSnapshotBuilder(context.Engine, context.Store).BuildAsync(context.Module.Runtime, context.Catalog, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            reason = $"The start-up snapshot could not be baked, so every execution starts cold: {e.Message}";
        }

        return [new PythonRuntime(context.Engine, context.Module, snapshot, reason)];
    }
}
