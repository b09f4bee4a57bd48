using CodeExecution.Core.Model;

namespace CodeExecution.Functions.Jobs;

/// <summary>Runs one job item's request (the JSON it was submitted as) to a result; an invalid request becomes a failed result.</summary>
public interface IJobItemExecutor
{
    Task<ExecutionResult> ExecuteAsync(string requestJson, CancellationToken cancellationToken);
}
