using System.Text;
using CodeExecution.Core.Model;

namespace CodeExecution.Core.Runtimes.Python;

/// <summary>
/// What Python reads on stdin (<see cref="PythonBootstrap"/>): eight hex digits giving the length of the request
/// that follows, the request as fields each written <c>length:bytes</c> (UTF-8; the program, the directory to change
/// into or nothing, the argument count, the arguments, then environment names and values in turns), then the
/// program's own stdin.
/// </summary>
internal static class PythonRequestEncoding
{
    public static byte[] Encode(ValidatedRequest program, string workingDirectory)
    {
        var request = new MemoryStream();
        Field(request, program.Code);
        Field(request, workingDirectory);
        Field(request, program.Args.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var arg in program.Args)
        {
            Field(request, arg);
        }

        foreach (var (name, value) in program.Env)
        {
            Field(request, name);
            Field(request, value);
        }

        var stdin = Encoding.UTF8.GetBytes(program.Input);
        var result = new byte[8 + request.Length + stdin.Length];
        Encoding.ASCII.GetBytes(((int)request.Length).ToString("x8", System.Globalization.CultureInfo.InvariantCulture), result);
        request.GetBuffer().AsSpan(0, (int)request.Length).CopyTo(result.AsSpan(8));
        stdin.CopyTo(result, 8 + request.Length);
        return result;
    }

    private static void Field(MemoryStream request, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        request.Write(Encoding.ASCII.GetBytes($"{bytes.Length}:"));
        request.Write(bytes);
    }
}
