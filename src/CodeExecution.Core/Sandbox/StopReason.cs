namespace CodeExecution.Core.Sandbox;

/// <summary>Why the host stopped a guest before it finished.</summary>
public enum StopReason
{
    None,
    Timeout,
    OutputLimit,
    FileSystemQuota,
}
