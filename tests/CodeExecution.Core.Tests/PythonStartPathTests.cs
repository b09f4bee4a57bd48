using CodeExecution.Core.Model;

namespace CodeExecution.Core.Tests;

/// <summary>
/// Python's two starts: resumed from the snapshot (every request, with a file system or without, when the snapshot could
/// be baked) and cold (RuntimeFallbackTests, where it could not): every execution starts clean and limits hold.
/// </summary>
/// <remarks>
/// Which start ran is visible to the program: a resumed interpreter's <c>sys.orig_argv</c> holds only
/// <c>python3.11 -I -S -c BOOTSTRAP</c> (5 items), a cold one's also the request's fields (see <c>PythonBootstrap.Args</c>).
/// </remarks>
[Collection(ExecutorCollection.Name)]
public sealed class PythonStartPathTests(ExecutorFixture fixture)
{
    private const string PathProbe = "import sys\nprint('resumed' if len(sys.orig_argv) == 5 else 'cold', flush=True)\n";

    private const string LeaveState = PathProbe + """
        import builtins, json, os, sys
        leaked_global = 'secret'
        builtins.leaked = 'secret'
        sys.modules['leak'] = 'secret'
        json.leak = 'secret'
        sys.path.append('/leak')
        os.environ['LEAKED'] = 'secret'
        sys.argv.append('leaked-arg')
        try:
            open('/sandbox/leak.txt', 'w').write('secret')
            print('file written')
        except OSError:
            print('no file system')
        """;

    private const string LookForState = PathProbe + """
        import builtins, json, os, sys
        print('leaked_global' in globals(), hasattr(builtins, 'leaked'), 'leak' in sys.modules, hasattr(json, 'leak'))
        print('/leak' in sys.path, dict(os.environ), sys.argv)
        print(sys.stdin.read() == '', os.path.exists('/sandbox/leak.txt'), os.listdir('/sandbox') if os.path.isdir('/sandbox') else None)
        """;

    private Task<ExecutionResult> Python(string code, string? input = null, ExecutionLimits? limits = null, IReadOnlyList<string>? args = null, IReadOnlyDictionary<string, string>? env = null) =>
        fixture.RunAsync(ExecutionLanguage.Python, code, input, limits, args, env);

    [Fact]
    public async Task Resumed_StateLeftByOneExecution_IsNotSeenByTheNext()
    {
        var first = await Python(LeaveState, input: "first input", limits: new ExecutionLimits { AllowEnv = true }, args: ["a1"], env: new Dictionary<string, string> { ["TOKEN"] = "first" });
        var second = await Python(LookForState);

        Assert.Equal("resumed\nno file system\n", first.Stdout);
        Assert.Equal("resumed\nFalse False False False\nFalse {} ['main.py']\nTrue False None\n", second.Stdout);
    }

    [Fact]
    public async Task FileSystem_StateLeftByOneExecution_IsNotSeenByTheNext()
    {
        var executor = fixture.Executor;
        var limits = new ExecutionLimits { AllowEnv = true, AllowFileSystem = true };

        var first = await executor.ExecuteAsync(new ExecutionRequest
        {
            Language = ExecutionLanguage.Python, Code = LeaveState, Input = "first input", Limits = limits, Args = ["a1"],
            Env = new Dictionary<string, string> { ["TOKEN"] = "first" },
        });
        var second = await executor.ExecuteAsync(new ExecutionRequest { Language = ExecutionLanguage.Python, Code = LookForState, Limits = limits });
        var third = await executor.ExecutePythonAsync(LookForState);

        Assert.Equal("resumed\nfile written\n", first.Stdout);
        Assert.Equal(1, first.Metadata.FilesCreated);
        Assert.Equal("resumed\nFalse False False False\nFalse {} ['main.py']\nTrue False []\n", second.Stdout);
        Assert.Equal("resumed\nFalse False False False\nFalse {} ['main.py']\nTrue False None\n", third.Stdout);
    }

    [Fact]
    public async Task Resumed_ArgsEnvironmentAndInput_ArriveExactly()
    {
        var result = await Python(
            PathProbe + "import os, sys\nprint(sys.argv[1:])\nprint(sorted(os.environ.items()))\nprint(repr(sys.stdin.read()))",
            input: "00000010 looks like a header: 3:abc\n✓ 😀\n",
            limits: new ExecutionLimits { AllowEnv = true },
            args: ["", "two words", "3:x", "ünï", "--flag=1"],
            env: new Dictionary<string, string> { ["A"] = "1:2", ["EMPTY"] = "", ["UNICODE"] = "é😀" });

        Assert.True(result.Success, result.Stderr);
        Assert.Equal(
            "resumed\n['', 'two words', '3:x', 'ünï', '--flag=1']\n[('A', '1:2'), ('EMPTY', ''), ('UNICODE', 'é😀')]\n'00000010 looks like a header: 3:abc\\n✓ 😀\\n'\n",
            result.Stdout);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ExitHandlersFinalizersAndExitMessages_RunWithAndWithoutAFileSystem(bool fileSystem)
    {
        var code = PathProbe + """
            import atexit, sys
            class Noisy:
                def __del__(self):
                    print('finalized', flush=True)
            kept = Noisy()
            atexit.register(lambda: print('at exit'))
            sys.exit('leaving')
            """;

        var result = await Python(code, limits: new ExecutionLimits { AllowFileSystem = fileSystem });

        Assert.Equal("resumed\nat exit\nfinalized\n", result.Stdout);
        Assert.Equal("leaving\n", result.Stderr);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task Resumed_InfiniteLoop_StopsAtTimeout()
    {
        var result = await Python(PathProbe + "while True: pass", limits: new ExecutionLimits { TimeoutMs = 300 });

        Assert.Equal("resumed\n", result.Stdout);
        Assert.True(result.Metadata.TimeoutHit);
        Assert.Equal(124, result.ExitCode);
        Assert.Equal("Time limit of 300 ms exceeded; the program was stopped.", result.Error);
        Assert.True(result.ExecutionTime >= 300);
    }

    [Fact]
    public async Task Resumed_HugeAllocation_IsRefusedWithMemoryLimitHit()
    {
        var result = await Python(PathProbe + "x = bytearray(200 * 1024 * 1024)\nprint('allocated')", limits: new ExecutionLimits { MaxMemoryMB = 64 });

        Assert.Equal("resumed\n", result.Stdout);
        Assert.True(result.Metadata.MemoryLimitHit);
        Assert.Equal(1, result.ExitCode);
        Assert.EndsWith("MemoryError\n", result.Stderr);
        Assert.Equal("Memory limit of 64 MB exceeded (exit code 1).", result.Error);
        Assert.InRange(result.MemoryUsed!.Value, 1, 64L * 1024 * 1024);
    }

    [Fact]
    public async Task Resumed_SteadyGrowth_StopsAtTheRequestsLimit()
    {
        var result = await Python(PathProbe + "chunks = []\nwhile True:\n    chunks.append(bytearray(1024 * 1024))", limits: new ExecutionLimits { MaxMemoryMB = 40 });

        Assert.Equal("resumed\n", result.Stdout);
        Assert.True(result.Metadata.MemoryLimitHit, result.Stderr);
        Assert.InRange(result.MemoryUsed!.Value, 1, 40L * 1024 * 1024);
    }

    [Fact]
    public async Task Resumed_OutputFlood_IsTruncatedAtTheLimit()
    {
        var result = await Python(PathProbe + "while True:\n    print('x' * 99)", limits: new ExecutionLimits { MaxOutputSize = 4096 });

        Assert.True(result.Metadata.OutputTruncated);
        Assert.Equal(141, result.ExitCode);
        Assert.StartsWith("resumed\nxxx", result.Stdout);
        Assert.Equal(4096, result.Stdout.Length);
    }

    [Fact]
    public async Task Resumed_ConcurrentExecutions_EachSeeOnlyTheirOwnRequest()
    {
        var tasks = Enumerable.Range(0, 24)
            .Select(i => Python(
                PathProbe + "import os, sys\ndata = sys.stdin.read()\nprint(data, sys.argv[1:], os.environ.get('N'), 'shared' in globals())\nshared = data",
                input: $"input-{i}",
                limits: new ExecutionLimits { AllowEnv = i % 2 == 0 },
                args: [$"arg-{i}"],
                env: i % 2 == 0 ? new Dictionary<string, string> { ["N"] = $"env-{i}" } : null))
            .ToList();

        var results = await Task.WhenAll(tasks);

        for (var i = 0; i < results.Length; i++)
        {
            var env = i % 2 == 0 ? $"env-{i}" : "None";
            Assert.Equal($"resumed\ninput-{i} ['arg-{i}'] {env} False\n", results[i].Stdout);
        }
    }
}
