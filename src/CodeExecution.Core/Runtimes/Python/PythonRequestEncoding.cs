using System.Globalization;
using CodeExecution.Core.Model;

namespace CodeExecution.Core.Runtimes.Python;

/// <summary>
/// How a request reaches Python (<see cref="PythonBootstrap"/>): as the store's arguments after
/// <c>-c BOOTSTRAP</c>, one field each: the program, the directory to change into or nothing, the program's file
/// name (relative to <c>/sandbox</c>), the argument count, the arguments, then environment names and values in turns. Validation has refused NUL in all of them.
/// </summary>
internal static class PythonRequestEncoding
{
    public static IReadOnlyList<string> Fields(ValidatedRequest request, string workingDirectory)
    {
        var fields = new List<string>(4 + request.Args.Count + 2 * request.Env.Count)
        {
            request.Code,
            workingDirectory,
            request.EntryPath ?? "main.py",
            request.Args.Count.ToString(CultureInfo.InvariantCulture),
        };
        fields.AddRange(request.Args);
        foreach (var (name, value) in request.Env)
        {
            fields.Add(name);
            fields.Add(value);
        }

        return fields;
    }
}
