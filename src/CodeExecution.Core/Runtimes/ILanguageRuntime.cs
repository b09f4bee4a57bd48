using CodeExecution.Core.Model;

namespace CodeExecution.Core.Runtimes;

/// <summary>Runs programs of one language in the sandbox. Implementations are thread-safe: one store per call.</summary>
public interface ILanguageRuntime : IDisposable
{
    ExecutionLanguage Language { get; }

    /// <summary>What it reports: its runtime and version, whether it is available, and how executions start.</summary>
    EnvironmentInfo Environment { get; }

    /// <summary>Runs a validated request to completion, synchronously, on the calling thread.</summary>
    ExecutionResult Execute(ValidatedRequest request, CancellationToken cancellationToken);
}
