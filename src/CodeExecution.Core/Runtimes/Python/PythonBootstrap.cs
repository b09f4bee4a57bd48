namespace CodeExecution.Core.Runtimes.Python;

/// <summary>
/// <c>bootstrap.py</c>: what CPython runs before any program (<c>python3.11 -I -S -c BOOTSTRAP</c>), from the
/// <c>codeexec_initialize</c> entry point of <c>python.wasm</c> (see <c>build/codeexec-python.c</c>). It prepares
/// what every program needs and defines <c>_codeexec_main</c>, which <c>codeexec_run</c> calls to read the request
/// from stdin (<see cref="PythonRequestEncoding"/>) and run it.
/// </summary>
internal static class PythonBootstrap
{
    /// <summary>The bootstrap as the guest gets it in argv: <c>bootstrap.py</c> without its comment lines, which would only take room in every interpreter's memory.</summary>
    public static string Source { get; } = string.Join('\n', EmbeddedSource.Read(typeof(PythonBootstrap), "bootstrap.py")
        .Split('\n')
        .Where(line => !line.TrimStart().StartsWith('#')));

    /// <summary>The guest's arguments, with which the snapshot is baked.</summary>
    public static IReadOnlyList<string> Args { get; } = [PythonRoot.Executable, "-I", "-S", "-c", Source];

    /// <summary>
    /// The arguments of a cold start: <see cref="Args"/> and one more, so a program can tell from
    /// <c>sys.orig_argv</c> which start it had (<c>sys.argv</c> is the request's either way).
    /// </summary>
    public static IReadOnlyList<string> ColdArgs { get; } = [.. Args, "cold"];
}
