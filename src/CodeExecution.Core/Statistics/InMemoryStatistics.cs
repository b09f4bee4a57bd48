using CodeExecution.Core.Model;

namespace CodeExecution.Core.Statistics;

/// <summary>Running totals per language for <c>GetStatistics</c>; rejected requests are not counted. Thread-safe.</summary>
public sealed class InMemoryStatistics : IExecutionRecorder
{
    private readonly object _gate = new();
    private readonly Dictionary<ExecutionLanguage, ExecutionTotals> _byLanguage = [];

    public void Record(ExecutionRecord record)
    {
        if (record.Outcome == ExecutionOutcomes.Rejected)
        {
            return;
        }

        lock (_gate)
        {
            if (!_byLanguage.TryGetValue(record.Language, out var totals))
            {
                _byLanguage[record.Language] = totals = new ExecutionTotals();
            }

            totals.Add(record);
        }
    }

    public ExecutionStatistics Snapshot()
    {
        lock (_gate)
        {
            var all = ExecutionTotals.Sum(_byLanguage.Values);
            return new ExecutionStatistics
            {
                TotalExecutions = all.Count,
                SuccessfulExecutions = all.Successes,
                FailedExecutions = all.Failures,
                AverageExecutionTime = all.Average,
                TimeoutHits = all.Timeouts,
                MemoryLimitHits = all.MemoryLimits,
                InstructionLimitHits = all.InstructionLimits,
                ByLanguage = _byLanguage.ToDictionary(
                    pair => pair.Key.ToName(),
                    pair => new LanguageStatistics
                    {
                        TotalExecutions = pair.Value.Count,
                        SuccessfulExecutions = pair.Value.Successes,
                        FailedExecutions = pair.Value.Failures,
                        AverageExecutionTime = pair.Value.Average,
                    }),
            };
        }
    }
}
