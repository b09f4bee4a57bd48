using CodeExecution.Core.Model;

namespace CodeExecution.Core.Tests;

[Collection(ExecutorCollection.Name)]
public sealed class PythonExecutionTests(ExecutorFixture fixture)
{
    private Task<ExecutionResult> Python(string code, string? input = null, ExecutionLimits? limits = null, IReadOnlyList<string>? args = null, IReadOnlyDictionary<string, string>? env = null) =>
        fixture.RunAsync(ExecutionLanguage.Python, code, input, limits, args, env);

    [Fact]
    public async Task Python_SeedExample_EchoesStdinAndItsLength()
    {
        var result = await Python("""
            import sys
            input_text = sys.stdin.read().strip()
            print('Received:', input_text)
            print('Length:', len(input_text))
            """, "Hello, World!");

        Assert.True(result.Success, result.Error);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Received: Hello, World!\nLength: 13\n", result.Stdout);
        Assert.Equal("", result.Stderr);
        Assert.Equal(result.Stdout, result.Output);
        Assert.Null(result.Error);
        Assert.Equal(ExecutionLanguage.Python, result.Language);
        Assert.True(result.Metadata.WasSandboxed);
        Assert.Equal("CPython (WASI)", result.Metadata.RuntimeUsed);
        Assert.Equal("3.11.2", result.Metadata.Version);
        Assert.False(result.Metadata.TimeoutHit);
        Assert.False(result.Metadata.MemoryLimitHit);
        Assert.False(result.Metadata.OutputTruncated);
        Assert.True(result.MemoryUsed > 0);
    }

    [Fact]
    public async Task Python_UncaughtException_PrintsUserTracebackAndExitsOne()
    {
        var result = await Python("x = 1\nprint('before')\nprint(x / 0)\n");

        Assert.False(result.Success);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("before\n", result.Stdout);
        Assert.Equal(
            "Traceback (most recent call last):\n  File \"main.py\", line 3, in <module>\n    print(x / 0)\n          ~~^~~\nZeroDivisionError: division by zero\n",
            result.Stderr);
        Assert.Equal("before\n" + result.Stderr, result.Output);
        Assert.Equal("Process exited with code 1.", result.Error);
    }

    [Fact]
    public async Task Python_SyntaxError_ReportsLineAndExitsOne()
    {
        var result = await Python("print('ok')\nprint(\n");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal("  File \"main.py\", line 2\n    print(\n         ^\nSyntaxError: '(' was never closed\n", result.Stderr);
    }

    [Theory]
    [InlineData("import sys; sys.exit(3)", 3)]
    [InlineData("exit(4)", 4)]
    [InlineData("raise SystemExit(0)", 0)]
    [InlineData("import os; os._exit(7)", 7)]
    [InlineData("import sys; sys.exit(200)", 200)]
    [InlineData("import sys; sys.exit(300)", 44)]
    [InlineData("import sys; sys.exit(-1)", 255)]
    public async Task Python_ExitCodes_AreReported(string code, int expected)
    {
        var result = await Python(code);

        Assert.Equal(expected, result.ExitCode);
        Assert.Equal(expected == 0, result.Success);
    }

    [Fact]
    public async Task Python_Args_BecomeSysArgvAfterProgramName()
    {
        var result = await Python("import sys; print(sys.argv)", args: ["one", "two words", "--flag"]);

        Assert.Equal("['main.py', 'one', 'two words', '--flag']\n", result.Stdout);
    }

    [Fact]
    public async Task Python_StdoutAndStderr_InterleaveInWriteOrder()
    {
        var result = await Python("import sys\nprint('a', flush=True)\nprint('b', file=sys.stderr, flush=True)\nprint('c', flush=True)\n");

        Assert.Equal("a\nc\n", result.Stdout);
        Assert.Equal("b\n", result.Stderr);
        Assert.Equal("a\nb\nc\n", result.Output);
    }

    [Fact]
    public async Task Python_Unicode_RoundTripsThroughStdinAndStdout()
    {
        var result = await Python("import sys; s = sys.stdin.read(); print(s[::-1], len(s))", "héllo wörld ✓ 😀");

        Assert.Equal("😀 ✓ dlröw olléh 15\n", result.Stdout);
    }

    [Fact]
    public async Task Python_InputFunction_ReadsLines()
    {
        var result = await Python("a = input(); b = input(); print(int(a) + int(b))", "2\n40\n");

        Assert.Equal("42\n", result.Stdout);
    }

    [Fact]
    public async Task Python_StandardLibrary_IsAvailable()
    {
        var result = await Python("""
            import json, re, math, collections, itertools, datetime, decimal, fractions, heapq, functools, dataclasses, typing, statistics
            print(json.dumps({'a': [1, 2]}), re.sub(r'\d', '#', 'a1b2'), math.factorial(20))
            print(collections.Counter('hello').most_common(1), list(itertools.accumulate([1, 2, 3])))
            print(decimal.Decimal('0.1') + decimal.Decimal('0.2'), fractions.Fraction(1, 3) * 3, statistics.mean([1, 2, 3, 4]))
            """);

        Assert.True(result.Success, result.Stderr);
        Assert.Equal("{\"a\": [1, 2]} a#b# 2432902008176640000\n[('l', 2)] [1, 3, 6]\n0.3 1 2.5\n", result.Stdout);
    }

    [Fact]
    public async Task Python_InfiniteLoop_StopsAtTimeoutWithTimeoutHit()
    {
        var result = await Python("print('start', flush=True)\nwhile True: pass", limits: new ExecutionLimits { TimeoutMs = 300 });

        Assert.False(result.Success);
        Assert.True(result.Metadata.TimeoutHit);
        Assert.False(result.Metadata.MemoryLimitHit);
        Assert.Equal(124, result.ExitCode);
        Assert.Equal("start\n", result.Stdout);
        Assert.Equal("Time limit of 300 ms exceeded; the program was stopped.", result.Error);
        Assert.True(result.ExecutionTime >= 300);
    }

    [Fact]
    public async Task Python_SleepPastDeadline_IsStoppedAtTheDeadline()
    {
        var result = await Python("import time\nprint('sleeping', flush=True)\ntime.sleep(60)\nprint('woke')", limits: new ExecutionLimits { TimeoutMs = 200 });

        Assert.True(result.Metadata.TimeoutHit);
        Assert.Equal(124, result.ExitCode);
        Assert.Equal("sleeping\n", result.Stdout);
        // Stopped near its 200 ms deadline, not after the 60 s sleep: well under the executor's 10 s maximum.
        Assert.InRange(result.ExecutionTime, 200, 9_999);
    }

    [Fact]
    public async Task Python_ShortSleep_CompletesNormally()
    {
        var result = await Python("import time\nt = time.monotonic()\ntime.sleep(0.05)\nprint(time.monotonic() - t >= 0.05)");

        Assert.True(result.Success, result.Stderr);
        Assert.Equal("True\n", result.Stdout);
    }

    [Fact]
    public async Task Python_HugeAllocation_IsRefusedWithMemoryLimitHit()
    {
        var result = await Python("x = bytearray(200 * 1024 * 1024)\nprint('allocated')", limits: new ExecutionLimits { MaxMemoryMB = 64 });

        Assert.False(result.Success);
        Assert.True(result.Metadata.MemoryLimitHit);
        Assert.False(result.Metadata.TimeoutHit);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.EndsWith("MemoryError\n", result.Stderr);
        Assert.Equal("Memory limit of 64 MB exceeded (exit code 1).", result.Error);
        Assert.True(result.MemoryUsed <= 64L * 1024 * 1024);
    }

    [Fact]
    public async Task Python_SteadyGrowth_IsRefusedWithMemoryLimitHit()
    {
        var result = await Python("chunks = []\nwhile True:\n    chunks.append(bytearray(1024 * 1024))", limits: new ExecutionLimits { MaxMemoryMB = 48 });

        Assert.True(result.Metadata.MemoryLimitHit, result.Stderr);
        Assert.False(result.Success);
        Assert.True(result.MemoryUsed <= 48L * 1024 * 1024);
    }

    [Fact]
    public async Task Python_OutputFlood_IsTruncatedAtTheLimitAndStopped()
    {
        var result = await Python("while True:\n    print('x' * 99)", limits: new ExecutionLimits { MaxOutputSize = 4096 });

        Assert.False(result.Success);
        Assert.True(result.Metadata.OutputTruncated);
        Assert.False(result.Metadata.TimeoutHit);
        Assert.Equal(141, result.ExitCode);
        Assert.Equal(4096, result.Stdout.Length);
        Assert.Equal(result.Stdout, result.Output);
        Assert.Equal("Output limit of 4096 bytes exceeded; the output was truncated and the program stopped.", result.Error);
    }

    [Fact]
    public async Task Python_OutputLimit_CountsStdoutAndStderrTogether()
    {
        var result = await Python("import sys\nsys.stdout.write('o' * 800)\nsys.stdout.flush()\nsys.stderr.write('e' * 800)\nsys.stderr.flush()", limits: new ExecutionLimits { MaxOutputSize = 1024 });

        Assert.True(result.Metadata.OutputTruncated);
        Assert.Equal(new string('o', 800), result.Stdout);
        Assert.Equal(new string('e', 224), result.Stderr);
    }

    [Fact]
    public async Task Python_HostFiles_AreNotVisible()
    {
        var result = await Python("""
            import os
            for path in ['/etc/passwd', '/proc/self/environ', '../../etc/hosts', '/', '.', '/tmp']:
                try:
                    if os.path.isdir(path):
                        print(path, 'dir', os.listdir(path))
                    else:
                        print(path, 'file', open(path).read(10))
                except OSError as e:
                    print(path, type(e).__name__)
            """);

        Assert.Equal(
            "/etc/passwd FileNotFoundError\n/proc/self/environ FileNotFoundError\n../../etc/hosts PermissionError\n/ dir ['usr']\n. dir ['usr']\n/tmp FileNotFoundError\n",
            result.Stdout);
    }

    [Fact]
    public async Task Python_FileWrite_FailsWithoutFileSystemAccess()
    {
        var result = await Python("open('out.txt', 'w').write('data')");

        Assert.Equal(1, result.ExitCode);
        Assert.EndsWith("PermissionError: [Errno 63] Operation not permitted: 'out.txt'\n", result.Stderr);
        Assert.Null(result.Metadata.FilesCreated);
    }

    [Fact]
    public async Task Python_HostEnvironment_IsNotVisible()
    {
        Environment.SetEnvironmentVariable("CODEEXEC_TEST_SECRET", "AccountKey=do-not-leak");
        var result = await Python("import os; print(dict(os.environ))");

        Assert.Equal("{}\n", result.Stdout);
    }

    [Fact]
    public async Task Python_RequestEnvironment_IsVisibleOnlyWhenAllowed()
    {
        var result = await Python(
            "import os; print(sorted(os.environ.items()))",
            limits: new ExecutionLimits { AllowEnv = true },
            env: new Dictionary<string, string> { ["GREETING"] = "hi", ["MODE"] = "test" });

        Assert.Equal("[('GREETING', 'hi'), ('MODE', 'test')]\n", result.Stdout);
    }

    [Fact]
    public async Task Python_Sockets_AreNotSupported()
    {
        var result = await Python("""
            import socket
            try:
                s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                s.connect(('127.0.0.1', 80))
                print('connected')
            except OSError as e:
                print('OSError', e.errno)
            """);

        Assert.Equal("OSError 58\n", result.Stdout);
    }

    [Fact]
    public async Task Python_Subprocess_AndFork_AreUnavailable()
    {
        var result = await Python("""
            import os
            print(hasattr(os, 'fork'), hasattr(os, 'system'), hasattr(os, 'execv'))
            try:
                import subprocess
                subprocess.run(['ls'])
                print('ran')
            except Exception as e:
                print(type(e).__name__)
            """);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.StartsWith("False False False\n", result.Stdout);
        Assert.DoesNotContain("ran", result.Stdout);
    }

    [Fact]
    public async Task Python_FileSystemAllowed_GetsAFreshEmptyDirectory()
    {
        var code = """
            import os
            print(os.getcwd(), os.listdir('.'))
            with open('notes.txt', 'w') as f:
                f.write('kept for this run only')
            print(open('notes.txt').read(), os.listdir('/sandbox'))
            """;
        var limits = new ExecutionLimits { AllowFileSystem = true };

        var first = await Python(code, limits: limits);
        var second = await Python(code, limits: limits);

        Assert.True(first.Success, first.Stderr);
        Assert.Equal("/sandbox []\nkept for this run only ['notes.txt']\n", first.Stdout);
        Assert.Equal(first.Stdout, second.Stdout);
        Assert.Equal(1, first.Metadata.FilesCreated);
    }

    [Fact]
    public async Task Python_ConcurrentExecutions_EachSeeOnlyTheirOwnInput()
    {
        var tasks = Enumerable.Range(0, 12)
            .Select(i => Python("import sys; data = sys.stdin.read(); print(data * 2)", $"input-{i}"))
            .ToList();

        var results = await Task.WhenAll(tasks);

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal($"input-{i}input-{i}\n", results[i].Stdout);
        }
    }

    [Fact]
    public async Task Python_GlobalState_DoesNotLeakBetweenExecutions()
    {
        var first = await Python("import sys, builtins\nbuiltins.leaked = 1\nsys.modules['leak'] = 1\nprint('set')");
        var second = await Python("import sys, builtins\nprint(hasattr(builtins, 'leaked'), 'leak' in sys.modules)");

        Assert.Equal("set\n", first.Stdout);
        Assert.Equal("False False\n", second.Stdout);
    }

    [Fact]
    public async Task Python_WorkingDirectoryWithALongestName_IsMadeAndEntered()
    {
        var name = string.Concat(Enumerable.Repeat("漢", 85));
        var result = await fixture.Executor.ExecuteAsync(new ExecutionRequest
        {
            Language = ExecutionLanguage.Python,
            Code = "import os\nprint(os.getcwd(), len(os.path.basename(os.getcwd()).encode()))",
            WorkingDirectory = name,
            Limits = new ExecutionLimits { AllowFileSystem = true },
        });

        Assert.True(result.Success, result.Error);
        Assert.Equal($"/sandbox/{name} 255\n", result.Stdout);
    }

    [Fact]
    public async Task Python_MonotonicAndProcessClocks_CountFromTheExecutionsStart_NotTheHosts()
    {
        // Under a 5 s limit no reading taken inside the execution can be 6 s or more, where the host's uptime (or,
        // for process_time, the old build's 9.2e9) would be; a sleep still advances the clock by at least its length.
        var result = await Python(
            "import time\nm, c, p = time.monotonic(), time.perf_counter(), time.process_time()\ntime.sleep(0.2)\nprint([0 <= t < 6 for t in (m, c, p)], time.monotonic() - m >= 0.2)",
            limits: new ExecutionLimits { TimeoutMs = 5000 });

        Assert.Equal("[True, True, True] True\n", result.Stdout);
    }

    [Theory]
    [InlineData("class Code(int):\n    def __and__(self, other): raise ValueError('no and')\n    def __ge__(self, other): raise ValueError('no ge')\nsys.exit(Code(3))")]
    [InlineData("class Message:\n    def __str__(self): raise ValueError('no str')\nsys.exit(Message())")]
    [InlineData("sys.exit(True)")]
    [InlineData("sys.exit('bye')")]
    public async Task Python_SysExitWithAnOddArgument_EndsAsCPythonEnds(string exit)
    {
        var code = "import sys\n" + exit + "\n";

        var result = await Python(code);
        var native = await Native.RunAsync("python3", "main.py", code);

        Assert.Equal((native.ExitCode, native.Stdout, native.Stderr), (result.ExitCode, result.Stdout, result.Stderr));
    }

    [Fact]
    public async Task Python_OutputEndingInAnIncompleteCharacter_EndsInAReplacementCharacter_AsNativeOutputReads()
    {
        const string Code = "import sys\nsys.stdout.buffer.write(b'euro \\xe2\\x82')\nsys.stderr.buffer.write(b'half \\xf0\\x9f')\n";

        var result = await Python(Code);
        var native = await Native.RunAsync("python3", "main.py", Code);

        Assert.Equal("euro \uFFFD", result.Stdout);
        Assert.Equal((native.Stdout, native.Stderr), (result.Stdout, result.Stderr));
    }
}
