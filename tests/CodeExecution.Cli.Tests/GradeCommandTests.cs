using System.Text.Json;
using System.Text.RegularExpressions;

namespace CodeExecution.Cli.Tests;

/// <summary><c>codeexec grade</c> as a teacher uses it: a program, a file of tests, a table, and an exit code that says whether all passed.</summary>
public sealed partial class GradeCommandTests
{
    private const string Tests = """
        [
          {"name": "small", "input": "1 2", "expectedOutput": "3"},
          {"input": "2 2", "expectedOutput": "5", "weight": 2},
          {"input": "x", "expectedOutput": "0"}
        ]
        """;

    private static Task<Codeexec.Run> RunAsync(params string[] args) => Codeexec.RunAsync(args, moduleCacheDirectory: Codeexec.SharedModuleCacheDirectory);

    private static string Write(string directory, string name, string content)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task Grade_PrintsATableOfVerdicts_AndExits1WhenATestFailed()
    {
        var folder = Directory.CreateTempSubdirectory("codeexec-grade-").FullName;
        var program = Write(folder, "sum.py", "a, b = map(int, input().split())\nprint(a + b)\n");
        var tests = Write(folder, "tests.json", Tests);

        var run = await RunAsync("grade", program, "--tests", tests);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Stderr);
        // Times and memory vary, and with them the columns' widths: compare with both made alike.
        var lines = run.Stdout.Split('\n').Select(line => Spaces().Replace(Timings().Replace(line, "T"), "  "));
        Assert.Equal(
            [
                "#  test  verdict  time  memory  score  message",
                "1  small  accepted  T  T  1/1",
                "2  test 2  wrong answer  T  T  0/2  line 1: expected \"5\", got \"4\".",
                "3  test 3  runtime error (exit 1)  T  T  0/1  Process exited with code 1.",
                "failed: 1 of 3 tests accepted, score 1/4",
                "",
            ],
            lines);
    }

    [Fact]
    public async Task Grade_AllPassing_Exits0_AndJsonHasTheResult()
    {
        var folder = Directory.CreateTempSubdirectory("codeexec-grade-").FullName;
        var program = Write(folder, "double.js", "const n = Number(require('fs').readFileSync(0, 'utf8'));\nconsole.log(n * 2);\n");
        var tests = Write(folder, "tests.json", """[{"input":"2","expectedOutput":"4"},{"input":"0.5","expectedOutput":"1.0000001"}]""");

        var run = await RunAsync("grade", program, "--tests", tests, "--compare", "float", "--abs-tolerance", "0.001", "--json");

        Assert.Equal(0, run.ExitCode);
        using var result = JsonDocument.Parse(run.Stdout);
        Assert.Equal(["accepted", "accepted"], result.RootElement.GetProperty("tests").EnumerateArray().Select(t => t.GetProperty("verdict").GetString()));
        Assert.True(result.RootElement.GetProperty("summary").GetProperty("allPassed").GetBoolean());
    }

    [Fact]
    public async Task Grade_WithACheckerInAnotherLanguage_UsesItsVerdict()
    {
        var folder = Directory.CreateTempSubdirectory("codeexec-grade-").FullName;
        var program = Write(folder, "any.py", "print(*sorted([1, 2, 3], reverse=True))\n");
        var checker = Write(folder, "same-set.js",
            "const fs = require('fs');\nconst words = p => fs.readFileSync(p, 'utf8').split(/\\s+/).filter(Boolean).sort().join(' ');\n"
            + "console.log(words(process.argv[3]) === words(process.argv[4]) ? 'accepted' : 'wrong');\n");
        var tests = Write(folder, "tests.json", """[{"expectedOutput":"1 2 3"},{"expectedOutput":"1 2 4"}]""");

        var run = await RunAsync("grade", program, "--tests", tests, "--checker", checker, "--json");

        Assert.Equal(1, run.ExitCode);
        using var result = JsonDocument.Parse(run.Stdout);
        Assert.Equal(["accepted", "wrongAnswer"], result.RootElement.GetProperty("tests").EnumerateArray().Select(t => t.GetProperty("verdict").GetString()));
    }

    [Theory]
    [InlineData("[]", "codeexec: tests: at least one test is required.\n")]
    [InlineData("""[{"input":"1"}]""", "codeexec: tests[0].expectedOutput: is required unless compare.mode is 'checker'.\n")]
    public async Task Grade_BadTests_Exit2_NamingTheField(string tests, string stderr)
    {
        var folder = Directory.CreateTempSubdirectory("codeexec-grade-").FullName;
        var program = Write(folder, "p.py", "print(1)\n");

        var run = await RunAsync("grade", program, "--tests", Write(folder, "tests.json", tests));

        Assert.Equal((2, "", stderr), (run.ExitCode, run.Stdout, run.Stderr));
    }

    [GeneratedRegex(@"\d+\.\d (ms|MiB)")]
    private static partial Regex Timings();

    [GeneratedRegex(" {2,}")]
    private static partial Regex Spaces();
}
