using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace CodeExecution.Cli.Tests;

/// <summary>
/// A batch where every line is hostile (issue 15): programs that loop, exhaust memory, flood output, recurse through
/// native code, nest directories past the host's path limit, fake verdicts, and requests that are not valid. Every
/// line is answered, in order, with the verdict the engine saw.
/// </summary>
public sealed class HostileBatchTests(ITestOutputHelper output)
{
    /// <summary>One kind of hostile line: the request (null for a raw line), and the exit code its result must have.</summary>
    private sealed record Hostile(string Name, string Line, int ExitCode, bool MemoryLimitHit = false);

    private static string Request(string language, string code, object? limits = null, string? workingDirectory = null)
    {
        var request = new JsonObject { ["language"] = language, ["code"] = code };
        if (limits is not null)
        {
            request["limits"] = JsonSerializer.SerializeToNode(limits);
        }

        if (workingDirectory is not null)
        {
            request["workingDirectory"] = workingDirectory;
        }

        return request.ToJsonString();
    }

    private static readonly Hostile[] Kinds =
    [
        new("python busy loop", Request("python", "while True: pass", new { timeoutMs = 200 }), 124),
        new("python one huge allocation", Request("python", "x = bytearray(1 << 30)", new { maxMemoryMB = 32 }), 1, MemoryLimitHit: true),
        new("python steady growth", Request("python", "l = []\nwhile True: l.append(' ' * 100000)", new { maxMemoryMB = 32 }), 1, MemoryLimitHit: true),
        new("python stdout flood", Request("python", "while True: print('x' * 1000)", new { maxOutputSize = 4096 }), 141),
        new("python recursion", Request("python", "def f(): f()\nf()"), 1),
        new("python recursion through C", Request("python", "import functools\n@functools.lru_cache(None)\ndef f(n): return f(n + 1)\nf(0)"), 1),
        new("python hash of nested tuples", Request("python", "import sys\nsys.setrecursionlimit(10**8)\nn = ()\nfor _ in range(300000): n = (n,)\nhash(n)"), 134),
        new("python directory tree past PATH_MAX", Request("python", """
            import os
            fd = os.open('/sandbox', os.O_RDONLY | os.O_DIRECTORY)
            for _ in range(40):
                os.mkdir('d' * 250, dir_fd=fd)
                fd = os.open('d' * 250, os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
            """.Replace("            ", ""), new { allowFileSystem = true }), 153),
        new("python forged MemoryError", Request("python", "raise MemoryError('x')", new { maxMemoryMB = 32 }), 1),
        new("python forged MemoryError text", Request("python", "import sys\nprint('MemoryError', file=sys.stderr)\nsys.exit(1)"), 1),
        new("python exit with a message", Request("python", "import sys\nsys.exit('bye')"), 1),
        new("python invalid UTF-8 output", Request("python", "import sys\nsys.stdout.buffer.write(b'ok\\xff\\xfe')\nsys.exit(7)"), 7),
        new("workingDirectory component over 255 bytes", Request("python", "print(1)", new { allowFileSystem = true }, new string('w', 256)), -1),
        new("workingDirectory of 90 three-byte characters", Request("python", "print(1)", new { allowFileSystem = true }, new string('€', 90)), -1),
        new("not JSON", """{"code": "print(1)", "language": """, -1),
        new("unknown language", Request("cobol", "DISPLAY 'HI'."), -1),
        new("javascript busy loop", Request("javascript", "for (;;) {}", new { timeoutMs = 200 }), 124),
        new("javascript JSON.parse of deep nesting", Request("javascript", "JSON.parse('['.repeat(1e6) + ']'.repeat(1e6))"), 1),
        // (Building the million arrays takes about a second idle; a loaded machine took past the default 5 s twice.)
        new("javascript String() of deep nesting", Request("javascript", "let a = []; for (let i = 0; i < 1e6; i++) a = [a]; String(a)", new { timeoutMs = 10000 }), 1),
        // (Two seconds of building proxies on an idle machine: the most time a request may ask for, for a loaded one.)
        new("javascript Proxy chain", Request("javascript", "let p = {}; for (let i = 0; i < 1e6; i++) p = new Proxy(p, {}); p.x", new { timeoutMs = 10000 }), 1),
        new("javascript rejection flood", Request("javascript", "for (;;) Promise.reject(0)", new { maxMemoryMB = 32, timeoutMs = 10000 }), 1, MemoryLimitHit: true),
        new("javascript huge import specifier", Request("javascript", "await import('x'.repeat(1e6))"), 1),
        new("javascript forged out of memory", Request("javascript", "throw new InternalError('out of memory')"), 1),
        new("javascript stdout flood", Request("javascript", "for (;;) console.log('x'.repeat(1000))", new { maxOutputSize = 4096 }), 141),
        new("typescript that does not parse", Request("typescript", "let x: number = ;"), 1),
    ];

    [Fact]
    public async Task Batch_OfFiveHundredHostileLines_AnswersEveryLine_WithTheEnginesVerdict()
    {
        var lines = Enumerable.Range(0, 500).Select(i => Kinds[i % Kinds.Length]).ToList();

        var run = await Codeexec.RunAsync(
            ["batch", "-", "--concurrency", "2"], string.Join('\n', lines.Select(line => line.Line)), Codeexec.SharedModuleCacheDirectory);

        output.WriteLine($"codeexec batch: exit {run.ExitCode}, peak resident memory {run.PeakMemoryBytes / (1024 * 1024)} MiB");
        Assert.Equal(0, run.ExitCode);
        var results = run.Stdout.TrimEnd('\n').Split('\n').Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(500, results.Count);
        for (var i = 0; i < results.Count; i++)
        {
            var (kind, result) = (lines[i], results[i]);
            var verdict = $"line {i + 1} ({kind.Name}): {result}";
            Assert.True(kind.ExitCode == result.GetProperty("exitCode").GetInt32(), verdict);
            Assert.False(result.GetProperty("success").GetBoolean(), verdict);
            Assert.True(kind.MemoryLimitHit == result.GetProperty("metadata").GetProperty("memoryLimitHit").GetBoolean(), verdict);
        }
    }
}
