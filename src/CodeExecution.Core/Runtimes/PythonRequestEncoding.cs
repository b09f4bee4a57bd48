using System.Text;

namespace CodeExecution.Core.Runtimes;

/// <summary>
/// What a pre-started Python reads on stdin (<see cref="PythonBootstrap.PrestartedSource"/>): eight hex digits
/// giving the length of the request that follows, the request as fields each written <c>length:bytes</c>
/// (UTF-8; the program, the argument count, the arguments, then environment names and values in turns), then the
/// program's own stdin.
/// </summary>
internal static class PythonRequestEncoding
{
    public static byte[] Encode(string code, IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? env, string? input)
    {
        var request = new MemoryStream();
        Field(request, code);
        Field(request, args.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var arg in args)
        {
            Field(request, arg);
        }

        foreach (var (name, value) in env ?? new Dictionary<string, string>())
        {
            Field(request, name);
            Field(request, value);
        }

        var stdin = string.IsNullOrEmpty(input) ? [] : Encoding.UTF8.GetBytes(input);
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
