namespace CodeExecution.Core.Runtimes.Python;

/// <summary>
/// <c>bootstrap.py</c>: what CPython runs before the user's program (<c>python -I -S -c BOOTSTRAP [CODE ARGS...]</c>).
/// Given the program and its arguments in argv it runs them (a cold start); given none, it reads its request from
/// stdin (<see cref="PythonRequestEncoding"/>), which is where a <see cref="PythonSnapshot"/> waits.
/// </summary>
internal static class PythonBootstrap
{
    /// <summary>The bootstrap as the guest gets it in argv: <c>bootstrap.py</c> without its comment lines, which would only take room in every interpreter's memory.</summary>
    public static string Source { get; } = string.Join('\n', EmbeddedSource.Read(typeof(PythonBootstrap), "bootstrap.py")
        .Split('\n')
        .Where(line => !line.TrimStart().StartsWith('#')));

    /// <summary>The guest's arguments before any request: what a snapshot is baked with.</summary>
    public static IReadOnlyList<string> WaitingArgs { get; } = ["python", "-I", "-S", "-c", Source];

    /// <summary>The guest's arguments for a cold start of <paramref name="code"/> with <paramref name="args"/>.</summary>
    public static IReadOnlyList<string> ColdArgs(string code, IReadOnlyList<string> args) => [.. WaitingArgs, code, .. args];
}
