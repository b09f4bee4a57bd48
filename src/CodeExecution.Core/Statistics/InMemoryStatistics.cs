using CodeExecution.Core.Model;

namespace CodeExecution.Core.Statistics;

/// <summary>Running totals per language for <c>GetStatistics</c>. Thread-safe.</summary>
public sealed class InMemoryStatistics : IExecutionRecorder
{
    private readonly object _gate = new();
    private readonly Dictionary<ExecutionLanguage, Totals> _byLanguage = [];

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
                _byLanguage[record.Language] = totals = new Totals();
            }

            totals.Add(record);
        }
    }

    public ExecutionStatistics Snapshot()
    {
        lock (_gate)
        {
            var all = new Totals();
            foreach (var totals in _byLanguage.Values)
            {
                all.Merge(totals);
            }

            return new ExecutionStatistics
            {
                TotalExecutions = all.Count,
                SuccessfulExecutions = all.Successes,
                FailedExecutions = all.Count - all.Successes,
                AverageExecutionTime = all.Average,
                TimeoutHits = all.Timeouts,
                MemoryLimitHits = all.MemoryLimits,
                ByLanguage = _byLanguage.ToDictionary(
                    pair => pair.Key.ToName(),
                    pair => new LanguageStatistics
                    {
                        TotalExecutions = pair.Value.Count,
                        SuccessfulExecutions = pair.Value.Successes,
                        FailedExecutions = pair.Value.Count - pair.Value.Successes,
                        AverageExecutionTime = pair.Value.Average,
                    }),
            };
        }
    }

    private sealed class Totals
    {
        public long Count { get; private set; }

        public long Successes { get; private set; }

        public long Timeouts { get; private set; }

        public long MemoryLimits { get; private set; }

        private double TotalMs { get; set; }

        public double Average => Count == 0 ? 0 : Math.Round(TotalMs / Count, 3);

        public void Add(ExecutionRecord record)
        {
            Count++;
            Successes += record.Success ? 1 : 0;
            Timeouts += record.TimeoutHit ? 1 : 0;
            MemoryLimits += record.MemoryLimitHit ? 1 : 0;
            TotalMs += record.DurationMs;
        }

        public void Merge(Totals other)
        {
            Count += other.Count;
            Successes += other.Successes;
            Timeouts += other.Timeouts;
            MemoryLimits += other.MemoryLimits;
            TotalMs += other.TotalMs;
        }
    }
}
