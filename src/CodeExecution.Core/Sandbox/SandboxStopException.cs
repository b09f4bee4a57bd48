namespace CodeExecution.Core.Sandbox;

/// <summary>Thrown inside the guest's call stack (epoch callback or host function) to stop it.</summary>
public sealed class SandboxStopException(StopReason reason)
    : Exception($"The sandbox stopped the program: {reason}.")
{
    public StopReason Reason { get; } = reason;
}
