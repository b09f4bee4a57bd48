using CodeExecution.Core.Model;
using CodeExecution.Core.Runtimes.Modules;

namespace CodeExecution.Core.Runtimes;

/// <summary>
/// A language its provider could not make runnable (while others from the same module can run): it reports why,
/// and is never given a request.
/// </summary>
public sealed class UnavailableRuntime(ExecutionLanguage language, RuntimeDescriptor runtime, string displayName, string reason) : ILanguageRuntime
{
    public ExecutionLanguage Language { get; } = language;

    public EnvironmentInfo Environment { get; } = new()
    {
        Language = language,
        Runtime = displayName,
        Version = runtime.Version,
        Available = false,
        Reason = reason,
    };

    public ExecutionResult Execute(ValidatedRequest request, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"{Language.ToName()} is unavailable: {Environment.Reason}");

    public void Dispose()
    {
    }
}
