using CodeExecution.Core.Sandbox;
using Wasmtime;

namespace CodeExecution.Core.Runtimes.QuickJs;

/// <summary>
/// Defines the <c>env.*</c> functions <c>quickjs.wasm</c> imports and routes each call to the
/// <see cref="QuickJsExecution"/> of the store it comes from: its session's <see cref="SandboxSession.HostState"/>.
/// Calls from a store with none (while baking, or before the execution is attached) do nothing.
/// </summary>
/// <remarks>
/// No .NET exception may unwind through QuickJS's C frames as anything but a trap: the handlers turn host
/// failures into JavaScript errors and let only Wasmtime's own exceptions (a nested trap) propagate.
/// </remarks>
internal static class QuickJsHostImports
{
    private const string Module = "env";
    public static void Define(Linker linker)
    {
        linker.DefineFunction(Module, "host_call", (Caller caller, int namePointer, int nameLength, int self, int argc, int argv) =>
            Find(caller)?.OnHostCall(namePointer, nameLength, argc, argv) ?? 0);
        linker.DefineFunction(Module, "host_interrupt", (Caller caller) =>
            Find(caller)?.OnInterrupt() ?? 0);
        linker.DefineFunction(Module, "host_promise_rejection", (Caller caller, int promise, int reason, int isHandled) =>
            Find(caller)?.OnPromiseRejection(promise, reason, isHandled != 0));
        linker.DefineFunction(Module, "host_module_normalize", (Caller caller, int basePointer, int namePointer) =>
            Find(caller)?.OnModuleNormalize(basePointer, namePointer) ?? 0);
        linker.DefineFunction(Module, "host_module_load", (Caller caller, int namePointer, int lengthPointer) =>
            Find(caller)?.OnModuleLoad(namePointer, lengthPointer) ?? 0);
        linker.DefineFunction(Module, "host_get_timezone_offset", (Caller caller, int high, int low) => 0);
    }

    private static QuickJsExecution? Find(Caller caller) =>
        caller.GetData() is SandboxSession { HostState: QuickJsExecution execution } ? execution : null;
}
