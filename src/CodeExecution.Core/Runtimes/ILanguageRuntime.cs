using CodeExecution.Core.Model;
using CodeExecution.Core.Validation;

namespace CodeExecution.Core.Runtimes;

/// <summary>Runs programs of one language in the sandbox. Implementations are thread-safe: one store per call.</summary>
public interface ILanguageRuntime : IDisposable
{
    ExecutionLanguage Language { get; }

    EnvironmentInfo Environment { get; }

    /// <summary>Runs a validated request to completion, synchronously, on the calling thread.</summary>
    ExecutionResult Execute(ValidatedRequest request, CancellationToken cancellationToken);
}
