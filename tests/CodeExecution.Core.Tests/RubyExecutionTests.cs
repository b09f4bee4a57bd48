using CodeExecution.Core.Model;

namespace CodeExecution.Core.Tests;

/// <summary>
/// Ruby programs in the sandbox, compared with Debian's native <c>ruby</c> (installed by <c>Ruby/install-ruby.sh</c>)
/// where both Rubies define the behaviour. Debian's is 3.1 and the sandbox's 3.4, which quote names in messages
/// differently (<c>'&lt;main&gt;'</c>, not <c>`&lt;main&gt;'</c>): stderr is compared with Ruby 3.4's exact text instead.
/// </summary>
[Collection(ExecutorCollection.Name)]
public sealed class RubyExecutionTests(ExecutorFixture fixture)
{
    private Task<ExecutionResult> Ruby(string code, string? input = null, ExecutionLimits? limits = null, IReadOnlyList<string>? args = null, IReadOnlyDictionary<string, string>? env = null) =>
        fixture.RunAsync(ExecutionLanguage.Ruby, code, input, limits, args, env);

    /// <summary>Runs <paramref name="code"/> in the sandbox and with <c>ruby main.rb</c>: the same exit code and stdout.</summary>
    private async Task<ExecutionResult> AssertSameAsRubyAsync(string code, string input = "")
    {
        var result = await Ruby(code, input);
        var native = await Native.RunAsync("ruby", "main.rb", code, input);

        Assert.Equal((native.ExitCode, native.Stdout), (result.ExitCode, result.Stdout));
        return result;
    }

    [Fact]
    public async Task Ruby_HelloWorld_PrintsAndReportsTheRuntime()
    {
        var result = await Ruby("puts \"hello\"");

        Assert.True(result.Success, result.Error);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("hello\n", result.Stdout);
        Assert.Equal("", result.Stderr);
        Assert.Null(result.Error);
        Assert.Equal(ExecutionLanguage.Ruby, result.Language);
        Assert.True(result.Metadata.WasSandboxed);
        Assert.Equal("CRuby (WASI)", result.Metadata.RuntimeUsed);
        Assert.Equal("3.4.1", result.Metadata.Version);
        Assert.False(result.Metadata.TimeoutHit);
        Assert.False(result.Metadata.MemoryLimitHit);
    }

    [Fact]
    public async Task Ruby_Environment_IsAvailableFromASnapshot()
    {
        var environment = fixture.Executor.GetEnvironmentInfo(ExecutionLanguage.Ruby);

        Assert.True(environment.Available, environment.Reason);
        Assert.Equal(StartKind.Snapshot, environment.Start);
        Assert.Equal("CRuby (WASI)", environment.Runtime);
        Assert.Equal("3.4.1", environment.Version);
    }

    [Fact]
    public Task Ruby_ReadsStdinWithGetsAndRead_AsNative() =>
        AssertSameAsRubyAsync("first = gets\nrest = STDIN.read\np first, rest\nputs rest.lines.map(&:upcase).join\n", "one\ntwo\nthree\n");

    [Fact]
    public Task Ruby_ReadsStdinThroughArgf_AsNative() =>
        AssertSameAsRubyAsync("ARGF.each_line.with_index(1) { |line, n| puts \"#{n}: #{line}\" }\np $stdin.eof?\n", "a\nb\n");

    [Fact]
    public Task Ruby_CoreBehaviour_AsNative() => AssertSameAsRubyAsync("""
        h = { b: 2, a: 1 }
        p h.sort, h.sum { |_, v| v }, h.to_a
        puts [3, 1, 2].sort.inspect, (1..10).each_slice(3).map(&:sum).inspect
        printf("%05.2f|%-4s|%x\n", 3.14159, "ab", 255)
        puts "héllo wörld".upcase, "abc".unpack1("H*"), 2**100, 10.0 / 3, 1e20.to_i
        Point = Struct.new(:x, :y)
        p Point.new(1, 2)
        require "json"
        puts JSON.generate({ "a" => [1, nil, true] }), JSON.parse('{"x": [1.5]}')["x"].inspect
        require "set"
        p Set[3, 1].include?(1)
        $stderr.puts "to stderr"
        """);

    [Fact]
    public async Task Ruby_Inspect_IsRuby34s()
    {
        var result = await Ruby("p({ b: 2, \"k\" => [1, nil] }, :sym, 1r / 3)");

        Assert.Equal("{b: 2, \"k\" => [1, nil]}\n:sym\n(1/3)\n", result.Stdout);
    }

    [Fact]
    public async Task Ruby_UncaughtException_PrintsRubysMessageAndExitsOne()
    {
        var result = await Ruby("def check(x)\n  raise ArgumentError, \"bad #{x}\"\nend\nputs \"before\"\ncheck(1)\n");

        Assert.False(result.Success);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("before\n", result.Stdout);
        Assert.Equal("main.rb:2:in 'Object#check': bad 1 (ArgumentError)\n\tfrom main.rb:5:in '<main>'\n", result.Stderr);
        Assert.Equal("Process exited with code 1.", result.Error);
    }

    [Fact]
    public async Task Ruby_RaiseAtTopLevel_NamesMain()
    {
        var result = await Ruby("raise \"boom\"");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("main.rb:1:in '<main>': boom (RuntimeError)\n", result.Stderr);
    }

    [Fact]
    public async Task Ruby_SyntaxError_ReportsTheParsersMessageAndExitsOne()
    {
        var result = await Ruby("puts(\"ok\")\nputs(\n");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal(
            "ruby: main.rb:2: syntax error found (SyntaxError)\n  1 | puts(\"ok\")\n> 2 | puts(\n    |      ^ unexpected end-of-input; expected a `)` to close the arguments\n",
            result.Stderr);
    }

    [Theory]
    [InlineData("exit 3")]
    [InlineData("exit")]
    [InlineData("exit false")]
    [InlineData("exit true")]
    [InlineData("exit 300")]
    [InlineData("exit! 4")]
    [InlineData("raise SystemExit.new(7, \"seven\")")]
    [InlineData("puts \"kept\"\nexit 2")]
    [InlineData("puts \"lost: stdout is not flushed by exit!\"\nexit! 5")]
    [InlineData("$stdout.sync = true\nputs \"flushed as written\"\nexit! 6")]
    [InlineData("at_exit { puts \"handler\"; exit 9 }\nputs \"body\"")]
    [InlineData("at_exit { puts \"second\" }\nat_exit { puts \"first\" }\nexit 3")]
    [InlineData("at_exit { puts \"not run\" }\nexit! 0")]
    public async Task Ruby_ExitCodesAndAtExit_AsNative(string code)
    {
        var result = await AssertSameAsRubyAsync(code);

        Assert.Equal(result.ExitCode == 0, result.Success);
    }

    [Fact]
    public async Task Ruby_Abort_PrintsItsMessageAndExitsOne()
    {
        var result = await AssertSameAsRubyAsync("puts \"out\"\nabort(\"bad input\")");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("out\n", result.Stdout);
        Assert.Equal("bad input\n", result.Stderr);
    }

    [Fact]
    public async Task Ruby_AtExit_RunsBeforeTheUncaughtExceptionIsReported()
    {
        var result = await AssertSameAsRubyAsync("$stdout.sync = true\nat_exit { puts \"bye #{$!.message}\" }\nputs \"a\"\nraise \"boom\"\n");

        Assert.Equal("a\nbye boom\n", result.Stdout);
        Assert.Equal("a\nbye boom\nmain.rb:4:in '<main>': boom (RuntimeError)\n", result.Output);
    }

    [Fact]
    public async Task Ruby_Args_BecomeArgvAndTheProgramIsMainRb()
    {
        var result = await Ruby("p ARGV, $0, __FILE__, $PROGRAM_NAME, __FILE__ == $0", args: ["x", "y z", "it's"]);

        Assert.True(result.Success, result.Stderr);
        Assert.Equal("[\"x\", \"y z\", \"it's\"]\n\"main.rb\"\n\"main.rb\"\n\"main.rb\"\ntrue\n", result.Stdout);
    }

    [Fact]
    public async Task Ruby_Gets_WithArgs_ReadsThemAsFilesAsNative()
    {
        var result = await Ruby("p gets", "stdin\n", args: ["missing.txt"]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("main.rb:1:in 'Kernel#gets': No such file or directory @ rb_sysopen - missing.txt (Errno::ENOENT)", result.Stderr.Replace("'ARGF.class#gets'", "'Kernel#gets'"));
    }

    [Fact]
    public async Task Ruby_Env_IsEmptyUnlessAllowed()
    {
        var variables = new Dictionary<string, string> { ["GREETING"] = "hi 'there'", ["EMPTY"] = "" };

        var denied = await Ruby("p ENV.to_h, ENV['HOME'], ENV['PATH']");
        var allowed = await Ruby("p ENV.to_h.sort.to_h", limits: new ExecutionLimits { AllowEnv = true }, env: variables);

        Assert.Equal("{}\nnil\nnil\n", denied.Stdout);
        Assert.Equal("{\"EMPTY\" => \"\", \"GREETING\" => \"hi 'there'\"}\n", allowed.Stdout);
    }

    [Fact]
    public async Task Ruby_Rand_DiffersBetweenRuns()
    {
        var first = await Ruby("p rand, Random.new.rand(1_000_000_000), [*1..20].shuffle");
        var second = await Ruby("p rand, Random.new.rand(1_000_000_000), [*1..20].shuffle");

        Assert.True(first.Success, first.Stderr);
        Assert.NotEqual(first.Stdout, second.Stdout);
        Assert.DoesNotContain(first.Stdout.Split('\n')[0], second.Stdout);
    }

    [Fact]
    public async Task Ruby_SandboxDriver_IsNotVisibleToThePrograms()
    {
        var result = await Ruby("p defined?(CodeExecutionSandbox), local_variables, Object.const_defined?(:CodeExecutionSandbox)");

        Assert.Equal("nil\n[]\nfalse\n", result.Stdout);
    }

    [Fact]
    public async Task Ruby_StateDoesNotLeakBetweenRuns()
    {
        var first = await Ruby("$leak = 1\nclass String; def shout = upcase; end\nENV['X'] = '1'\nputs 'set'");
        var second = await Ruby("p $leak, ''.respond_to?(:shout), ENV['X']");

        Assert.Equal("set\n", first.Stdout);
        Assert.Equal("nil\nfalse\nnil\n", second.Stdout);
    }

    [Fact]
    public async Task Ruby_InfiniteLoop_StopsAtTheTimeLimit()
    {
        var result = await Ruby("$stdout.sync = true\nputs \"start\"\nloop {}", limits: new ExecutionLimits { TimeoutMs = 300 });

        Assert.False(result.Success);
        Assert.True(result.Metadata.TimeoutHit);
        Assert.Equal(124, result.ExitCode);
        Assert.Equal("start\n", result.Stdout);
        Assert.Equal("Time limit of 300 ms exceeded; the program was stopped.", result.Error);
    }

    [Fact]
    public async Task Ruby_Sleep_StopsAtTheTimeLimit()
    {
        var result = await Ruby("sleep 60\nputs 'woke'", limits: new ExecutionLimits { TimeoutMs = 200 });

        Assert.True(result.Metadata.TimeoutHit);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Ruby_MemoryBomb_IsStoppedWithMemoryLimitHit()
    {
        var result = await Ruby("chunks = []\nloop { chunks << \"x\" * 1_000_000 }", limits: new ExecutionLimits { MaxMemoryMB = 128 });

        Assert.False(result.Success);
        Assert.True(result.Metadata.MemoryLimitHit, result.Stderr);
        Assert.False(result.Metadata.TimeoutHit);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Memory limit of 128 MB exceeded (exit code 1).", result.Error);
        Assert.True(result.MemoryUsed <= 128L * 1024 * 1024);
    }

    [Fact]
    public async Task Ruby_RaisingNoMemoryError_IsNotAMemoryLimitHit()
    {
        var result = await Ruby("raise NoMemoryError, \"failed to allocate memory\"");

        Assert.Equal(1, result.ExitCode);
        Assert.False(result.Metadata.MemoryLimitHit);
        Assert.Equal("Process exited with code 1.", result.Error);
    }

    [Fact]
    public async Task Ruby_OutputFlood_IsTruncatedAtTheLimitAndStopped()
    {
        var result = await Ruby("loop { puts \"x\" * 99 }", limits: new ExecutionLimits { MaxOutputSize = 4096 });

        Assert.False(result.Success);
        Assert.True(result.Metadata.OutputTruncated);
        Assert.Equal(141, result.ExitCode);
        Assert.Equal(4096, result.Stdout.Length);
        Assert.Equal("Output limit of 4096 bytes exceeded; the output was truncated and the program stopped.", result.Error);
    }

    [Fact]
    public async Task Ruby_DeepRecursion_RaisesSystemStackError()
    {
        var result = await Ruby("def down(n) = down(n + 1)\ndown(0)\n");

        Assert.False(result.Success);
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("main.rb:1:in 'Object#down': stack level too deep (SystemStackError)\n", result.Stderr);
        Assert.EndsWith("\tfrom main.rb:2:in '<main>'\n", result.Stderr);
        Assert.Equal("Process exited with code 1.", result.Error);
    }

    [Fact]
    public Task Ruby_RecursionFiveThousandDeep_Works_AsNative() =>
        AssertSameAsRubyAsync("def depth(n) = n.zero? ? 0 : 1 + depth(n - 1)\np depth(5_000)\n");

    [Fact]
    public async Task Ruby_FileSystemAllowed_GetsAFreshEmptyDirectory()
    {
        var code = "p Dir.pwd, Dir.children('.')\nFile.write('notes.txt', 'kept for this run only')\np File.read('notes.txt'), Dir.children('/sandbox')\n";
        var limits = new ExecutionLimits { AllowFileSystem = true };

        var first = await Ruby(code, limits: limits);
        var second = await Ruby(code, limits: limits);

        Assert.True(first.Success, first.Stderr);
        Assert.Equal("\"/sandbox\"\n[]\n\"kept for this run only\"\n[\"notes.txt\"]\n", first.Stdout);
        Assert.Equal(first.Stdout, second.Stdout);
        Assert.Equal(1, first.Metadata.FilesCreated);
    }

    [Fact]
    public async Task Ruby_ConcurrentExecutions_EachSeeOnlyTheirOwnInput()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Ruby("data = STDIN.read\nputs data * 2", $"input-{i}")));

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal($"input-{i}input-{i}\n", results[i].Stdout);
        }
    }
}
