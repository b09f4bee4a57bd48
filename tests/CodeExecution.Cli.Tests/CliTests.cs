using System.Text.Json;

namespace CodeExecution.Cli.Tests;

public sealed class CliTests
{
    /// <summary>codeexec with the tests' shared module cache, so the runtimes compile once, not once per run.</summary>
    private static Task<Codeexec.Run> RunAsync(string? stdin, params string[] args) =>
        Codeexec.RunAsync(args, stdin, Codeexec.SharedModuleCacheDirectory);

    private static string WriteTemp(string name, string content)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("codeexec-cli-").FullName, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task Run_PythonFile_PrintsItsOutputAndExitsWithItsCode()
    {
        var file = WriteTemp("prog.py", "import sys\nprint('in:', sys.stdin.read())\nprint('warn', file=sys.stderr)\nsys.exit(3)\n");

        var run = await RunAsync("piped", "run", file);

        Assert.Equal(3, run.ExitCode);
        Assert.Equal("in: piped\n", run.Stdout);
        Assert.Equal("warn\n", run.Stderr);
    }

    [Fact]
    public async Task Run_RubyFile_PrintsItsOutputAndExitsWithItsCode()
    {
        var file = WriteTemp("prog.rb", "puts \"in: #{$stdin.read}\"\nwarn \"warn\"\np ARGV\nexit 3\n");

        var run = await RunAsync("piped", "run", file, "--arg", "a b");

        Assert.Equal(3, run.ExitCode);
        Assert.Equal("in: piped\n[\"a b\"]\n", run.Stdout);
        Assert.Equal("warn\n", run.Stderr);
    }

    [Fact]
    public async Task Run_RubyCode_WithLanguageRuby_ReportsRubysError()
    {
        var run = await RunAsync(null, "run", "--code", "raise ArgumentError, 'nope'", "--language", "ruby");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal("main.rb:1:in '<main>': nope (ArgumentError)\n", run.Stderr);
    }

    [Fact]
    public async Task Run_JavaScript_LoadsOnlyTheRuntimeItsLanguageNeeds()
    {
        var cache = Directory.CreateTempSubdirectory("codeexec-cli-cache-").FullName;

        var run = await Codeexec.RunAsync(["run", "--code", "console.log(6 * 7)", "-l", "javascript"], moduleCacheDirectory: cache);
        var cached = Directory.GetFiles(cache, "*.cwasm").Select(Path.GetFileName).Order().ToList();
        Directory.Delete(cache, recursive: true);

        Assert.Equal((0, "42\n", ""), (run.ExitCode, run.Stdout, run.Stderr));
        // quickjs.wasm compiled, and its four images: JavaScript and TypeScript, each with and without the full modules.
        Assert.Equal(5, cached.Count);
        Assert.All(cached, name => Assert.StartsWith("quickjs-", name));
    }

    [Fact]
    public async Task Run_CodeWithArgs_PassesThemToTheProgram()
    {
        var run = await RunAsync(null, "run", "--code", "import sys; print(sys.argv[1:])", "--language", "python", "--arg", "a", "--arg", "b c");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("['a', 'b c']\n", run.Stdout);
    }

    [Fact]
    public async Task Run_Json_PrintsTheExecutionResult()
    {
        var run = await RunAsync(null, "run", "--code", "print('hi')", "-l", "python", "--json");

        using var result = JsonDocument.Parse(run.Stdout);
        Assert.Equal(0, run.ExitCode);
        Assert.True(result.RootElement.GetProperty("success").GetBoolean());
        Assert.Equal("hi\n", result.RootElement.GetProperty("stdout").GetString());
        Assert.Equal("python", result.RootElement.GetProperty("language").GetString());
        Assert.True(result.RootElement.GetProperty("metadata").GetProperty("wasSandboxed").GetBoolean());
    }

    [Fact]
    public async Task Run_Timeout_ReportsTheLimitAndExits124()
    {
        var run = await RunAsync(null, "run", "--code", "while True: pass", "-l", "python", "--timeout", "200");

        Assert.Equal(124, run.ExitCode);
        Assert.Equal("codeexec: Time limit of 200 ms exceeded; the program was stopped.\n", run.Stderr);
    }

    [Fact]
    public async Task Run_MaxInstructions_StopsAnEndlessLoop_AndExits152()
    {
        var run = await RunAsync(null, "run", "--code", "while (true) {}", "-l", "javascript", "--max-instructions", "1000000");

        Assert.Equal(152, run.ExitCode);
        Assert.Equal("codeexec: Instruction limit of 1000000 exceeded; the program was stopped.\n", run.Stderr);
    }

    [Fact]
    public async Task Run_MaxInstructionsWithJson_ReportsTheSameCountEachRun()
    {
        string[] args = ["run", "--code", "console.log(6 * 7)", "-l", "javascript", "--max-instructions", "100000000", "--json"];

        var first = await RunAsync(null, args);
        var second = await RunAsync(null, args);

        using var firstResult = JsonDocument.Parse(first.Stdout);
        using var secondResult = JsonDocument.Parse(second.Stdout);
        var count = firstResult.RootElement.GetProperty("metadata").GetProperty("instructions").GetInt64();
        Assert.Equal((0, "42\n"), (first.ExitCode, firstResult.RootElement.GetProperty("stdout").GetString()));
        Assert.InRange(count, 1, 100_000_000);
        Assert.Equal(count, secondResult.RootElement.GetProperty("metadata").GetProperty("instructions").GetInt64());
    }

    [Fact]
    public async Task Run_AllowHost_GivesTheProgramFetchToThatHostOnly_AndNeverToAPrivateAddress()
    {
        var code = "(async () => { for (const url of ['http://127.0.0.1:9/', 'https://example.org/']) { try { await fetch(url); } catch (e) { console.log(e.cause.message); } } })();";

        var run = await RunAsync(null, "run", "--code", code, "-l", "javascript", "--allow-host", "127.0.0.1", "--allow-host", "*.example.com");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            "127.0.0.1 resolves only to local, private or metadata addresses (127.0.0.1); programs reach public hosts only.\n"
            + "example.org is not in network.allow (127.0.0.1, *.example.com); the request was refused.\n",
            run.Stdout);
    }

    [Fact]
    public async Task Run_MaxInstructionsOutOfRange_IsRefusedNamingTheLimit()
    {
        var run = await RunAsync(null, "run", "--code", "1", "-l", "javascript", "--max-instructions", "5");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("codeexec: limits.maxInstructions: 5 is out of range; it must be from 1000000 to 1000000000000 instructions.\n", run.Stderr);
    }

    [Fact]
    public async Task Run_Crash_SaysWhatTheEngineSaw_AndExits134()
    {
        var run = await RunAsync(null, "run", "--code", "import sys\nsys.setrecursionlimit(10**8)\nn = ()\nfor _ in range(300000): n = (n,)\nhash(n)", "-l", "python");

        Assert.Equal(134, run.ExitCode);
        Assert.Equal("codeexec: The program crashed inside the sandbox: stack overflow (it recursed deeper than the sandbox's stack).\n", run.Stderr);
    }

    [Fact]
    public async Task Run_EnvWithAllowEnv_IsVisible_AndHostEnvIsNot()
    {
        var run = await RunAsync(null, "run", "--code", "import os; print(dict(os.environ))", "-l", "python", "--env", "A=1", "--allow-env");

        Assert.Equal("{'A': '1'}\n", run.Stdout);
    }

    [Theory]
    [InlineData(new[] { "run", "--code", "x", "-l", "cobol" }, "codeexec: Unsupported language 'cobol'. Supported languages: python, javascript, typescript, ruby, wasm.\n")]
    [InlineData(new[] { "run", "--code", "x", "-l", "python", "--memory", "1024" }, "codeexec: limits.maxMemoryMB: 1024 is out of range; it must be from 16 to 512 MB.\n")]
    [InlineData(new[] { "run", "--code", "x" }, "codeexec: cannot tell the language; pass --language python|javascript|typescript|ruby|wasm.\n")]
    [InlineData(new[] { "run" }, "codeexec: give either a FILE (or a directory) or --code TEXT.\n")]
    public async Task Run_RefusedRequest_ExplainsAndExitsTwo(string[] args, string message)
    {
        var run = await RunAsync(null, args);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(message, run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task Run_WithFiles_PlacesThemBesideTheProgram_AndWritesWhatItMakesToTheOutDir()
    {
        var directory = Directory.CreateTempSubdirectory("codeexec-cli-files-").FullName;
        Directory.CreateDirectory(Path.Combine(directory, "lib"));
        File.WriteAllText(Path.Combine(directory, "main.py"), "from lib.util import double\nrows = open('data.csv').read().split()\nopen('doubled.txt', 'w').write(' '.join(str(double(int(r))) for r in rows))\nprint(len(rows))\n");
        File.WriteAllText(Path.Combine(directory, "lib", "util.py"), "def double(x):\n    return 2 * x\n");
        File.WriteAllText(Path.Combine(directory, "lib", "__init__.py"), "");
        File.WriteAllText(Path.Combine(directory, "data.csv"), "1\n2\n3\n");

        var run = await Codeexec.RunAsync(
            ["run", "main.py", "--file", "data.csv", "--file", "lib/util.py", "--file", "./lib/__init__.py", "--out-dir", "out"],
            moduleCacheDirectory: Codeexec.SharedModuleCacheDirectory, workingDirectory: directory);

        Assert.Equal((0, "3\n", ""), (run.ExitCode, run.Stdout, run.Stderr));
        Assert.Equal("2 4 6", File.ReadAllText(Path.Combine(directory, "out", "doubled.txt")));
        Assert.Equal(["doubled.txt"], Directory.GetFiles(Path.Combine(directory, "out")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Run_ADirectory_RunsItsEntry_WithItsOtherFiles()
    {
        var directory = Directory.CreateTempSubdirectory("codeexec-cli-project-").FullName;
        Directory.CreateDirectory(Path.Combine(directory, "src"));
        Directory.CreateDirectory(Path.Combine(directory, "node_modules", "ignored"));
        File.WriteAllText(Path.Combine(directory, "src", "app.js"), "const { greet } = require('./greet');\nconsole.log(greet(process.argv[2]), require('fs').readdirSync('/sandbox'));\n");
        File.WriteAllText(Path.Combine(directory, "src", "greet.js"), "exports.greet = (name) => `hello ${name}`;\n");
        File.WriteAllText(Path.Combine(directory, "node_modules", "ignored", "index.js"), "");

        var run = await RunAsync(null, "run", directory, "--entry", "src/app.js", "--arg", "Ada");

        Assert.Equal((0, "hello Ada [ 'src' ]\n", ""), (run.ExitCode, run.Stdout, run.Stderr));
    }

    [Fact]
    public async Task Run_ADirectoryWithoutAnEntry_SaysHowToNameIt()
    {
        var directory = Directory.CreateTempSubdirectory("codeexec-cli-project-").FullName;
        File.WriteAllText(Path.Combine(directory, "app.py"), "print(1)\n");

        var run = await RunAsync(null, "run", directory);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"codeexec: {directory} has no main.py, main.js, main.ts or main.rb; name the program with --entry.\n", run.Stderr);
    }

    [Fact]
    public async Task Batch_WritesOneResultLinePerRequestInOrder_AndGoesOnPastBadLines()
    {
        var batch = string.Join('\n',
            """{"code":"print('one')","language":"python"}""",
            """{"code":"print('two'","language":"python"}""",
            "not json",
            """{"code":"x","language":"cobol"}""",
            "",
            """{"code":"import sys; print(sys.stdin.read()[::-1])","language":"python","input":"eerht"}""",
            """{"code":"x","language":"python","limits":{"maxMemoryMB":8}}""");

        var run = await RunAsync(batch, "batch", "-", "--concurrency", "2");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.TrimEnd('\n').Split('\n').Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(6, lines.Count);
        Assert.Equal("one\n", lines[0].GetProperty("stdout").GetString());
        Assert.Equal(1, lines[1].GetProperty("exitCode").GetInt32());
        Assert.EndsWith("SyntaxError: '(' was never closed\n", lines[1].GetProperty("stderr").GetString());
        Assert.False(lines[2].GetProperty("success").GetBoolean());
        Assert.StartsWith("line 3: body: is not valid JSON for this field", lines[2].GetProperty("error").GetString());
        Assert.Equal("line 4: Unsupported language 'cobol'. Supported languages: python, javascript, typescript, ruby, wasm.", lines[3].GetProperty("error").GetString());
        Assert.Equal("three\n", lines[4].GetProperty("stdout").GetString());
        Assert.Equal("line 7: limits.maxMemoryMB: 8 is out of range; it must be from 16 to 512 MB.", lines[5].GetProperty("error").GetString());
        // From stdin the total is not known: counts without it, a line at most every 10 s, and the final line.
        Assert.Matches(@"^(batch: \d done, \d failed, \d+\.\d/(s|min)\n)*batch: 6 done, 4 failed in \d+\.\d s \(\d+\.\d/(s|min)\)\n$", run.Stderr);
    }

    [Fact]
    public async Task Batch_SlowFirstLineBeforeMany_AnswersEveryLineInOrder()
    {
        var lines = new[] { """{"code":"import time; time.sleep(0.5); print(0)","language":"python"}""" }
            .Concat(Enumerable.Range(1, 40).Select(i => $$"""{"code":"console.log({{i}})","language":"javascript"}"""));

        var run = await RunAsync(string.Join('\n', lines), "batch", "-", "--concurrency", "2");

        Assert.Equal(0, run.ExitCode);
        var stdout = run.Stdout.TrimEnd('\n').Split('\n').Select(line => JsonDocument.Parse(line).RootElement.GetProperty("stdout").GetString());
        Assert.Equal(Enumerable.Range(0, 41).Select(i => $"{i}\n"), stdout);
    }

    [Fact]
    public async Task Languages_SaysHowEachStarts_AndWhyPythonStartsCold_WhenItsSnapshotCannotBeBaked()
    {
        using var runtimes = new RuntimesFolder();
        runtimes.BreakPythonSnapshot();

        var run = await RunAsync(null, "languages", "--runtimes", runtimes.Directory);
        var lines = run.Stdout.TrimEnd('\n').Split('\n');

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(5, lines.Length);
        Assert.Matches(@"^python +CPython \(WASI\) 3\.11\.2 +available, cold start \((pre)?compiled: .+\): The start-up snapshot could not be baked, so every execution starts cold: ", lines[0]);
        Assert.Matches(@"^javascript +QuickJS-NG \(WASI\) 3\.6\.2 +available, snapshot start \(precompiled: disk cache [^)]+\)$", lines[1]);
        Assert.Matches(@"^typescript +QuickJS-NG \(WASI\) \+ sucrase 3\.6\.2 available, snapshot start \(precompiled: disk cache [^)]+\)$", lines[2]);
        Assert.Matches(@"^ruby +CRuby \(WASI\) +3\.4\.1 +available, snapshot start \((pre)?compiled: [^)]+\)$", lines[3]);
        Assert.Equal("wasm        Wasmtime Winch (WASI preview 1) 50.0.1 available, cold start (request: the program's own module, compiled on first use and kept by its sha256)", lines[4]);
    }

    [Fact]
    public async Task Languages_ListsPythonAsAvailable()
    {
        var run = await RunAsync(null, "languages", "--json");

        using var infos = JsonDocument.Parse(run.Stdout);
        var python = infos.RootElement.EnumerateArray().Single(info => info.GetProperty("language").GetString() == "python");
        Assert.True(python.GetProperty("available").GetBoolean());
        Assert.Equal("3.11.2", python.GetProperty("version").GetString());
    }

    [Fact]
    public async Task PrecompiledModule_IsReusedByTheNextProcess()
    {
        var cache = Directory.CreateTempSubdirectory("codeexec-cli-cache-").FullName;

        var first = await Codeexec.RunAsync(["languages", "--json"], moduleCacheDirectory: cache);
        var second = await Codeexec.RunAsync(["languages", "--json"], moduleCacheDirectory: cache);

        Assert.StartsWith("compiled: ", PythonSource(first.Stdout));
        Assert.Equal($"precompiled: disk cache {cache}", PythonSource(second.Stdout));
        Directory.Delete(cache, recursive: true);
    }

    private static string PythonSource(string json)
    {
        using var infos = JsonDocument.Parse(json);
        return infos.RootElement.EnumerateArray().Single(info => info.GetProperty("language").GetString() == "python").GetProperty("source").GetString()!;
    }
}
