using CodeExecution.Core.Network;
using CodeExecution.Core.Sandbox;
using Wasmtime;

namespace CodeExecution.Core.Runtimes.Python;

/// <summary>
/// The <c>codeexec.*</c> functions <c>python.wasm</c> imports for the network (see <c>build/codeexec-python.c</c>,
/// whose <c>_codeexec.http</c> calls them, and <c>bootstrap.py</c>, whose <c>http.client</c> connections call that):
/// <c>http_request(pointer, length) -> length</c> makes the request written there and keeps the answer in the
/// store's <see cref="SandboxSession.Network"/>; <c>http_response(pointer)</c> copies the answer there.
/// </summary>
/// <remarks>
/// Two calls, because the guest allocates the answer's room itself once it knows the length. No redirect is followed
/// here: urllib follows them, each hop a request of its own, so the network's rules see every one.
/// </remarks>
internal static class PythonNetworkImports
{
    private const string Module = "codeexec";

    /// <summary>Defines both functions on a linker that instantiates <c>python.wasm</c>.</summary>
    public static void Define(Linker linker)
    {
        linker.DefineFunction(Module, "http_request", (Caller caller, int pointer, int length) =>
            SandboxSession.From(caller).Network.Request(Memory(caller).GetSpan((uint)pointer, length)));
        linker.DefineFunction(Module, "http_response", (Caller caller, int pointer) =>
        {
            var answer = SandboxSession.From(caller).Network.TakeAnswer();
            answer.CopyTo(Memory(caller).GetSpan((uint)pointer, answer.Length));
        });
    }

    private static Memory Memory(Caller caller) =>
        caller.GetMemory("memory") ?? throw new InvalidOperationException("python.wasm exports no memory.");
}
