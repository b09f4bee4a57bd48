using CodeExecution.Core.Runtimes.Modules;
using CodeExecution.Core.Sandbox;
using Wasmtime;

namespace CodeExecution.Core.Runtimes.Ruby;

/// <summary>
/// What <c>ruby+stdlib.wasm</c> imports besides WASI: the canonical ABI's handles for Ruby values, which
/// <c>rb-eval-string-protect</c> returns (a handle is the value itself here: nothing on the host keeps them), and
/// the <c>rb-js-abi-host</c> functions behind <c>require 'js'</c>, for which there is no JavaScript here.
/// </summary>
/// <remarks>
/// <c>require 'js'</c> itself loads; the first call into JavaScript (<c>JS.global</c>, <c>JS.eval</c>) writes
/// <see cref="InteropUnavailable"/> to the program's stderr and traps, so the run ends as a crash whose stderr says why.
/// </remarks>
internal static class RubyHostImports
{
    /// <summary>What a program that reaches JavaScript gets on its stderr.</summary>
    public const string InteropUnavailable = "Ruby's JavaScript interop (require 'js') is not available in this sandbox\n";

    private const string CanonicalAbi = "canonical_abi";
    private const string JsHost = "rb-js-abi-host";

    /// <summary>Defines every non-WASI import of <paramref name="module"/> on <paramref name="linker"/>.</summary>
    /// <exception cref="RuntimeUnavailableException">The module imports something from another module, which this host does not know.</exception>
    public static void Define(Linker linker, Module module)
    {
        foreach (var import in module.Imports.OfType<FunctionImport>())
        {
            switch (import.ModuleName, import.Name)
            {
                case ("wasi_snapshot_preview1", _):
                    break;
                case (CanonicalAbi, "resource_new_rb-abi-value"):
                case (CanonicalAbi, "resource_get_rb-abi-value"):
                    linker.DefineFunction(import.ModuleName, import.Name, (int value) => value);
                    break;
                case (CanonicalAbi, _):
                case (JsHost, _):
                    linker.DefineFunction(import.ModuleName, import.Name, Unavailable, import.Parameters, import.Results);
                    break;
                default:
                    throw new RuntimeUnavailableException(
                        $"ruby+stdlib.wasm imports {import.ModuleName}.{import.Name}, which this host does not provide.");
            }
        }
    }

    private static void Unavailable(Caller caller, ReadOnlySpan<ValueBox> arguments, Span<ValueBox> results)
    {
        if (caller.GetData() is SandboxSession session)
        {
            session.Output.WriteStderr(InteropUnavailable);
        }

        throw new InvalidOperationException(InteropUnavailable.TrimEnd());
    }
}
