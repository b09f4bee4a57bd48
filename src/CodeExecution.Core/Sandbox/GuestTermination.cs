using Wasmtime;

namespace CodeExecution.Core.Sandbox;

/// <summary>How a guest's entry point returned: an exit code, or the trap that ended it.</summary>
public sealed record GuestTermination(int? ExitCode, WasmtimeException? Trap)
{
    /// <summary>Runs a guest entry point and records how it ended; a WASI <c>proc_exit</c> is an exit, not a trap.</summary>
    public static GuestTermination Of(Action entryPoint)
    {
        try
        {
            entryPoint();
            return new GuestTermination(0, null);
        }
        catch (WasmtimeException e) when (e.InnerException is GuestExitException exit)
        {
            return new GuestTermination(exit.Status, null);
        }
        catch (WasmtimeException e) when (e.ExitCode is { } code)
        {
            return new GuestTermination(code, null);
        }
        catch (WasmtimeException e)
        {
            return new GuestTermination(null, e);
        }
    }

    public static GuestTermination Exited(int code) => new(code, null);
}
