namespace CodeExecution.Core.Statistics;

/// <summary>Receives a record of every execution. Must not block: a slow store is the recorder's problem, not the caller's.</summary>
public interface IExecutionRecorder
{
    void Record(ExecutionRecord record);
}
