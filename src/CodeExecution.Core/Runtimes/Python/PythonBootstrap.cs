namespace CodeExecution.Core.Runtimes.Python;

/// <summary>
/// <c>bootstrap.py</c>: what CPython runs before any program (<c>python3.11 -I -S -c BOOTSTRAP</c>), from the
/// <c>codeexec_initialize</c> entry point of <c>python.wasm</c> (see <c>build/codeexec-python.c</c>). It prepares
/// what every program needs and defines the two halves of an execution, which <c>codeexec_run</c> calls around the
/// program: the first takes the request from the arguments after these (<see cref="PythonRequestEncoding"/>).
/// </summary>
internal static class PythonBootstrap
{
    /// <summary>The bootstrap as the guest gets it in argv: <c>bootstrap.py</c> without its comment lines, which would only take room in every interpreter's memory.</summary>
    public static string Source { get; } = string.Join('\n', EmbeddedSource.Read(typeof(PythonBootstrap), "bootstrap.py")
        .Split('\n')
        .Where(line => !line.TrimStart().StartsWith('#')));

    /// <summary>
    /// The guest's arguments before the request's fields: what the snapshot is baked with. So a program's
    /// <c>sys.orig_argv</c> is these when it started from the snapshot, and these and the fields when it started cold.
    /// </summary>
    public static IReadOnlyList<string> Args { get; } = [PythonRoot.Executable, "-I", "-S", "-c", Source];
}
