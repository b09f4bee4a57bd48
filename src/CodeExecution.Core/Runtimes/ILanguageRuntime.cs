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

    /// <summary>
    /// Whether it runs requests with an instruction budget itself (on a counting engine of its own), rather than the
    /// executor running them on its copy of the runtime on the shared counting engine.
    /// </summary>
    bool MetersOwnInstructions => false;
}
