namespace CodeExecution.Core.Sandbox;

/// <summary>Thrown by our <c>proc_exit</c> to unwind the guest with its exit status.</summary>
public sealed class GuestExitException(int status) : Exception($"The program exited with status {status}.")
{
    public int Status { get; } = status;
}
