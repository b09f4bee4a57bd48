using CodeExecution.Core.Grading;
using CodeExecution.Core.Model;

namespace CodeExecution.Functions.Jobs;

/// <summary>Runs one job item: a request (the JSON it was submitted as) to a result, or one test of a grading request to its verdict.</summary>
public interface IJobItemExecutor
{
    /// <summary>An invalid request becomes a failed result.</summary>
    Task<ExecutionResult> ExecuteAsync(string requestJson, CancellationToken cancellationToken);

    /// <summary>Grades the test at <paramref name="index"/> alone; a test that cannot be graded is <see cref="TestVerdict.Skipped"/> with the reason.</summary>
    Task<TestResult> GradeTestAsync(string gradingJson, int index, CancellationToken cancellationToken);
}
