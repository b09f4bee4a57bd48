using CodeExecution.Core.Errors;
using CodeExecution.Core.Grading;
using CodeExecution.Core.Model;
using CodeExecution.Core.Serialization;
using CodeExecution.Testing;

namespace CodeExecution.Core.Tests;

/// <summary>
/// A program graded on its tests, in each language: every verdict from what the engine saw, every comparison, a checker
/// in another language than the program, scores, stopping at the first failure, and the requests refused before any run.
/// </summary>
[Collection(ExecutorCollection.Name)]
public sealed class GradingTests(ExecutorFixture fixture)
{
    public static TheoryData<ExecutionLanguage> Languages =>
        [ExecutionLanguage.Python, ExecutionLanguage.JavaScript, ExecutionLanguage.TypeScript, ExecutionLanguage.Ruby, ExecutionLanguage.Wasm];

    /// <summary>Per language, a program that adds two numbers, or misbehaves as its input asks, and a memory limit it can reach.</summary>
    private static (string Code, int MaxMemoryMB) Misbehaving(ExecutionLanguage language) => language switch
    {
        ExecutionLanguage.Python => (
            "import sys\ndata = sys.stdin.read().split()\ncmd = data[0]\n"
            + "if cmd == 'loop':\n    while True: pass\n"
            + "elif cmd == 'mem':\n    x = []\n    while True: x.append(bytearray(16 << 20))\n"
            + "elif cmd == 'out':\n    while True: print('x' * 100)\n"
            + "elif cmd == 'fail':\n    sys.exit(3)\n"
            + "else:\n    print(int(data[0]) + int(data[1]))\n",
            64),
        ExecutionLanguage.JavaScript => (
            "const data = require('fs').readFileSync(0, 'utf8').split(/\\s+/).filter(Boolean);\nconst cmd = data[0];\n"
            + "if (cmd === 'loop') { for (;;) {} }\n"
            + "else if (cmd === 'mem') { const x = []; for (;;) x.push(new Uint8Array(16 << 20)); }\n"
            + "else if (cmd === 'out') { for (;;) console.log('x'.repeat(100)); }\n"
            + "else if (cmd === 'fail') { process.exit(3); }\n"
            + "else console.log(Number(data[0]) + Number(data[1]));\n",
            64),
        ExecutionLanguage.TypeScript => (
            "const data: string[] = require('fs').readFileSync(0, 'utf8').split(/\\s+/).filter(Boolean);\nconst cmd: string = data[0];\n"
            + "if (cmd === 'loop') { for (;;) {} }\n"
            + "else if (cmd === 'mem') { const x: number[][] = []; for (;;) x.push(new Uint8Array(16 << 20)); }\n"
            + "else if (cmd === 'out') { for (;;) console.log('x'.repeat(100)); }\n"
            + "else if (cmd === 'fail') { process.exit(3); }\n"
            + "else console.log(Number(data[0]) + Number(data[1]));\n",
            64),
        ExecutionLanguage.Ruby => (
            "cmd, other = $stdin.read.split\n"
            + "case cmd\nwhen 'loop' then loop {}\n"
            + "when 'mem' then x = []; loop { x << 'x' * (16 << 20) }\n"
            + "when 'out' then loop { puts 'x' * 100 }\n"
            + "when 'fail' then exit 3\n"
            + "else puts cmd.to_i + other.to_i\nend\n",
            // Ruby's start-up image is 70 MB: 128 MB leaves the program room to grow before it hits the limit.
            128),
        // The same program in C (WasmPrograms/adder.c), built by the fixture.
        ExecutionLanguage.Wasm => (Convert.ToBase64String(WasmPrograms.Module("adder.c")), 32),
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, null),
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task EachVerdict_ComesFromWhatTheEngineSaw(ExecutionLanguage language)
    {
        var (code, maxMemoryMB) = Misbehaving(language);
        var result = await fixture.Executor.GradeAsync(new GradingRequest
        {
            Code = code,
            Language = language,
            Limits = new ExecutionLimits { TimeoutMs = 5000, MaxMemoryMB = maxMemoryMB, MaxOutputSize = 1024 },
            Tests =
            [
                new() { Name = "adds", Input = "1 2", ExpectedOutput = "3" },
                new() { Input = "2 2", ExpectedOutput = "5\n" },
                new() { Input = "loop", ExpectedOutput = "" },
                new() { Input = "mem", ExpectedOutput = "" },
                new() { Input = "out", ExpectedOutput = "" },
                new() { Input = "fail", ExpectedOutput = "" },
            ],
        });

        Assert.Equal(
            [TestVerdict.Accepted, TestVerdict.WrongAnswer, TestVerdict.TimeLimit, TestVerdict.MemoryLimit, TestVerdict.OutputLimit, TestVerdict.RuntimeError],
            result.Tests.Select(t => t.Verdict));
        Assert.Equal(["adds", "test 2", "test 3", "test 4", "test 5", "test 6"], result.Tests.Select(t => t.Name));
        Assert.Equal("3\n", result.Tests[0].Stdout);
        Assert.Null(result.Tests[0].Message);
        Assert.Equal("line 1: expected \"5\", got \"4\".", result.Tests[1].Message);
        Assert.Equal(3, result.Tests[5].ExitCode);
        Assert.Equal("Process exited with code 3.", result.Tests[5].Message);
        Assert.Equal(
            new GradingSummary
            {
                Total = 6, Accepted = 1, WrongAnswer = 1, TimeLimit = 1, MemoryLimit = 1, OutputLimit = 1, RuntimeError = 1,
                Score = 1, MaxScore = 6, AllPassed = false,
            },
            result.Summary);
    }

    /// <summary>Per language, a program that prints <c>"0.333333334  2 \n\n"</c>; for wasm, the C source in WasmPrograms that prints its stdin.</summary>
    public static TheoryData<ExecutionLanguage, string> Printers => new()
    {
        { ExecutionLanguage.Python, "import sys\nsys.stdout.write('0.333333334  2 \\n\\n')" },
        { ExecutionLanguage.JavaScript, "process.stdout.write('0.333333334  2 \\n\\n')" },
        { ExecutionLanguage.TypeScript, "const text: string = '0.333333334  2 \\n\\n'; process.stdout.write(text)" },
        { ExecutionLanguage.Ruby, "$stdout.write(\"0.333333334  2 \\n\\n\")" },
        { ExecutionLanguage.Wasm, "cat.c" },
    };

    [Theory]
    [MemberData(nameof(Printers))]
    public async Task EachComparison_AcceptsWhatItShould_AndSaysWhereOutputDiffers(ExecutionLanguage language, string code)
    {
        const string Printed = "0.333333334  2 \n\n";
        var program = language == ExecutionLanguage.Wasm ? Convert.ToBase64String(WasmPrograms.Module(code)) : code;

        async Task<(TestVerdict, string?)> Grade(OutputComparison compare, string expected)
        {
            var result = await fixture.Executor.GradeAsync(new GradingRequest
            {
                Code = program, Language = language, Compare = compare, Tests = [new() { Input = Printed, ExpectedOutput = expected }],
            });
            return (result.Tests[0].Verdict, result.Tests[0].Message);
        }

        var exact = new OutputComparison { Mode = ComparisonMode.Exact };
        var trimmed = new OutputComparison { Mode = ComparisonMode.Trimmed };
        var tokens = new OutputComparison { Mode = ComparisonMode.Tokens };
        var fine = new OutputComparison { Mode = ComparisonMode.Float, AbsoluteTolerance = 1e-6 };
        var coarse = new OutputComparison { Mode = ComparisonMode.Float, AbsoluteTolerance = 0.01, RelativeTolerance = 0 };

        Assert.Equal((TestVerdict.Accepted, null), await Grade(exact, "0.333333334  2 \n\n"));
        Assert.Equal((TestVerdict.WrongAnswer, "the output goes on after the 2 lines expected, with \"\"."), await Grade(exact, "0.333333334  2 \n"));
        Assert.Equal((TestVerdict.Accepted, null), await Grade(trimmed, "0.333333334  2"));
        Assert.Equal((TestVerdict.WrongAnswer, "line 1: expected \"0.333333334 2\", got \"0.333333334  2\"."), await Grade(trimmed, "0.333333334 2\n"));
        Assert.Equal((TestVerdict.Accepted, null), await Grade(tokens, "0.333333334\n2"));
        Assert.Equal((TestVerdict.WrongAnswer, "token 1: expected \"0.3333333\", got \"0.333333334\"."), await Grade(tokens, "0.3333333 2"));
        Assert.Equal((TestVerdict.Accepted, null), await Grade(fine, "0.3333333 2.0000000001"));
        Assert.Equal(
            (TestVerdict.WrongAnswer, "token 1: expected 0.34, got 0.333333334, off by 0.00666667: more than 1E-06 and than 1E-06 of the expected value."),
            await Grade(fine, "0.34 2"));
        Assert.Equal((TestVerdict.Accepted, null), await Grade(coarse, "0.34 2"));
        Assert.Equal((TestVerdict.WrongAnswer, "the output goes on after the 1 token expected, with \"2\"."), await Grade(coarse, "0.34"));
    }

    /// <summary>Prints the divisors of n in an order of its own: only a checker can tell right from wrong.</summary>
    private const string PythonDivisors = "n = int(input())\nprint(*[d for d in range(n, 0, -1) if n % d == 0 and (n != 12 or d != 6)])";

    private const string JavaScriptDivisors =
        "const n = Number(require('fs').readFileSync(0, 'utf8'));\nconst ds = [];\nfor (let d = n; d >= 1; d--) if (n % d === 0 && !(n === 12 && d === 6)) ds.push(d);\nconsole.log(ds.join(' '));";

    private const string JavaScriptChecker =
        "const fs = require('fs');\nconst [, , input, output, answer] = process.argv;\n"
        + "const words = path => fs.readFileSync(path, 'utf8').split(/\\s+/).filter(Boolean).map(Number);\n"
        + "const got = words(output), want = words(answer);\nconst right = got.filter(x => want.includes(x)).length;\n"
        + "if (right === want.length && got.length === want.length) console.log('accepted');\n"
        + "else console.log(`wrong ${(right / want.length).toFixed(2)}\\n${right} of ${want.length} divisors of ${fs.readFileSync(input, 'utf8').trim()}`);";

    private const string PythonChecker =
        "import sys\n_, inp, out, ans = sys.argv\nwords = lambda p: [int(w) for w in open(p).read().split()]\n"
        + "got, want = words(out), words(ans)\nright = len([x for x in got if x in want])\n"
        + "print('accepted' if right == len(want) == len(got) else f'wrong {right / len(want):.2f}\\n{right} of {len(want)} divisors of {open(inp).read().strip()}')";

    private const string RubyDivisors = "n = gets.to_i\nputs n.downto(1).select { |d| n % d == 0 && !(n == 12 && d == 6) }.join(' ')";

    private const string RubyChecker =
        "input, output, answer = ARGV\nwords = ->(path) { File.read(path).split.map(&:to_i) }\n"
        + "got, want = words.(output), words.(answer)\nright = got.count { |x| want.include?(x) }\n"
        + "puts(right == want.size && got.size == want.size ? 'accepted' : format(\"wrong %.2f\\n%d of %d divisors of %s\", right.fdiv(want.size), right, want.size, File.read(input).strip))";

    [Theory]
    [InlineData(ExecutionLanguage.Ruby, RubyDivisors, ExecutionLanguage.Ruby, RubyChecker)]
    [InlineData(ExecutionLanguage.Ruby, RubyDivisors, ExecutionLanguage.Python, PythonChecker)]
    [InlineData(ExecutionLanguage.Python, PythonDivisors, ExecutionLanguage.JavaScript, JavaScriptChecker)]
    [InlineData(ExecutionLanguage.JavaScript, JavaScriptDivisors, ExecutionLanguage.Python, PythonChecker)]
    public async Task ACheckerInAnotherLanguage_Decides_WithPartialScores(ExecutionLanguage language, string code, ExecutionLanguage checkerLanguage, string checker)
    {
        var result = await fixture.Executor.GradeAsync(new GradingRequest
        {
            Code = code,
            Language = language,
            Compare = new OutputComparison { Mode = ComparisonMode.Checker, Checker = new CheckerProgram { Code = checker, Language = checkerLanguage } },
            Tests =
            [
                new() { Input = "10", ExpectedOutput = "1 2 5 10", Weight = 2 },
                new() { Input = "12", ExpectedOutput = "1 2 3 4 6 12", Weight = 3 },
            ],
        });

        Assert.Equal([TestVerdict.Accepted, TestVerdict.WrongAnswer], result.Tests.Select(t => t.Verdict));
        Assert.Equal([2, 3 * 0.83], result.Tests.Select(t => t.Score));
        Assert.Equal("5 of 6 divisors of 12", result.Tests[1].Message);
        Assert.Equal(2 + (3 * 0.83), result.Summary.Score, 9);
        Assert.Equal(5, result.Summary.MaxScore);
    }

    [Theory]
    [InlineData("print('maybe')", "The checker's first line must be 'accepted' or 'wrong', optionally followed by a score from 0 to 1; it was \"maybe\".")]
    [InlineData("print('accepted 1.5')", "The checker's score must be a number from 0 to 1; it was \"1.5\".")]
    [InlineData("import sys\nprint('broken', file=sys.stderr)\nsys.exit(2)", "The checker failed: Process exited with code 2. Its stderr ends: \"broken\"")]
    public async Task ACheckerThatFailsOrAnswersWrongly_IsACheckerError(string checker, string message)
    {
        var result = await fixture.Executor.GradeAsync(new GradingRequest
        {
            Code = "print(42)",
            Language = ExecutionLanguage.Python,
            Compare = new OutputComparison { Mode = ComparisonMode.Checker, Checker = new CheckerProgram { Code = checker, Language = ExecutionLanguage.Python } },
            Tests = [new() { Input = "" }],
        });

        var test = Assert.Single(result.Tests);
        Assert.Equal(TestVerdict.CheckerError, test.Verdict);
        Assert.Equal(message, test.Message);
        Assert.Equal(1, result.Summary.CheckerError);
    }

    [Fact]
    public async Task WithAnInstructionBudget_EachTestCountsTheSame_AndRunningOutIsATimeLimit()
    {
        var request = new GradingRequest
        {
            Code = "n = int(input())\nwhile n != 0: n -= 1\nprint('done')",
            Language = ExecutionLanguage.Python,
            Limits = new ExecutionLimits { MaxInstructions = 50_000_000 },
            Tests = [new() { Input = "1000", ExpectedOutput = "done" }, new() { Input = "-1", ExpectedOutput = "done" }],
        };

        var first = await fixture.Executor.GradeAsync(request);
        var second = await fixture.Executor.GradeAsync(request);

        Assert.Equal([TestVerdict.Accepted, TestVerdict.TimeLimit], first.Tests.Select(t => t.Verdict));
        Assert.Equal("Instruction limit of 50000000 exceeded; the program was stopped.", first.Tests[1].Message);
        Assert.Equal(50_000_000, first.Tests[1].Instructions);
        Assert.NotNull(first.Tests[0].Instructions);
        Assert.Equal(first.Tests.Select(t => t.Instructions), second.Tests.Select(t => t.Instructions));
    }

    [Fact]
    public async Task StopOnFirstFailure_SkipsTheTestsAfterIt()
    {
        var result = await fixture.Executor.GradeAsync(new GradingRequest
        {
            Code = "print(int(input()) * 2)",
            Language = ExecutionLanguage.Python,
            StopOnFirstFailure = true,
            Tests = [new() { Input = "1", ExpectedOutput = "2" }, new() { Input = "2", ExpectedOutput = "5" }, new() { Input = "3", ExpectedOutput = "6" }],
        });

        Assert.Equal([TestVerdict.Accepted, TestVerdict.WrongAnswer, TestVerdict.Skipped], result.Tests.Select(t => t.Verdict));
        Assert.Null(result.Tests[2].ExitCode);
        Assert.Equal("Not run: an earlier test failed, and the request asked to stop there.", result.Tests[2].Message);
        Assert.Equal(1, result.Summary.Skipped);
    }

    [Fact]
    public async Task EachTest_RunsInAFreshSandbox_WithItsOwnFiles()
    {
        var result = await fixture.Executor.GradeAsync(new GradingRequest
        {
            Code = "import os\nprint(sorted(os.listdir('.')))\nopen('left.txt', 'w').write('x')",
            Language = ExecutionLanguage.Python,
            Files = [new ExecutionFile { Path = "shared.txt", Content = "s" }],
            Tests =
            [
                new() { Files = [new ExecutionFile { Path = "a.txt", Content = "a" }], ExpectedOutput = "['a.txt', 'shared.txt']" },
                new() { Files = [new ExecutionFile { Path = "b.txt", Content = "b" }], ExpectedOutput = "['b.txt', 'shared.txt']" },
            ],
        });

        Assert.All(result.Tests, test => Assert.Equal(TestVerdict.Accepted, test.Verdict));
    }

    [Theory]
    [InlineData("""{"code":"print(1)","language":"python","tests":[]}""", "tests", "tests: at least one test is required.")]
    [InlineData("""{"code":"print(1)","language":"python"}""", "tests", "tests: at least one test is required.")]
    [InlineData("""{"code":"print(1)","language":"python","tests":[{"input":"1"}]}""", "tests[0].expectedOutput", "tests[0].expectedOutput: is required unless compare.mode is 'checker'.")]
    [InlineData("""{"code":"print(1)","language":"python","limits":{"maxOutputSize":1024},"tests":[{"expectedOutput":"1"},{"expectedOutput":"EXPECTED"}]}""", "tests[1].expectedOutput", "tests[1].expectedOutput: is 2000 bytes; limits.maxOutputSize is 1024 bytes, so no run could print it.")]
    [InlineData("""{"code":"print(1)","language":"python","compare":{"mode":"fuzzy"},"tests":[{"expectedOutput":"1"}]}""", "compare.mode", "compare.mode: must be one of exact, trimmed, tokens, float, checker; it was 'fuzzy'.")]
    [InlineData("""{"code":"print(1)","language":"python","compare":{"mode":"checker"},"tests":[{"expectedOutput":"1"}]}""", "compare.checker", "compare.checker: is required when compare.mode is 'checker'.")]
    [InlineData("""{"code":"print(1)","language":"python","compare":{"mode":"tokens","absoluteTolerance":0.1},"tests":[{"expectedOutput":"1"}]}""", "compare.absoluteTolerance", "compare.absoluteTolerance: applies only when compare.mode is 'float'.")]
    [InlineData("""{"code":"print(1)","language":"python","compare":{"mode":"float","relativeTolerance":2},"tests":[{"expectedOutput":"1"}]}""", "compare.relativeTolerance", "compare.relativeTolerance: 2 is out of range; it must be from 0 to 1.")]
    [InlineData("""{"code":"print(1)","language":"python","tests":[{"expectedOutput":"1","weight":-1}]}""", "tests[0].weight", "tests[0].weight: -1 is out of range; it must be from 0 to 1000000.")]
    [InlineData("""{"code":"print(1)","language":"python","tests":[{"expectedOutput":"1"},{"expectedOutput":"1","args":[null]}]}""", "tests[1].args[0]", "tests[1].args[0]: must be a string, not null.")]
    [InlineData("""{"code":"print(1)","language":"python","limits":{"timeoutMs":5},"tests":[{"expectedOutput":"1"}]}""", "limits.timeoutMs", "limits.timeoutMs: 5 is out of range; it must be from 100 to 10000 ms.")]
    [InlineData("""{"code":"print(1)","language":"python","files":[{"path":"a.txt","content":"a"}],"tests":[{"expectedOutput":"1","files":[{"path":"b.txt","content":"b"},null]}]}""", "tests[0].files[1]", "tests[0].files[1]: must be an object with path and content, not null.")]
    [InlineData("""{"code":"print(1)","language":"python","files":[{"path":"a.txt","content":"a"}],"tests":[{"expectedOutput":"1","files":[{"path":"a.txt","content":"b"}]}]}""", "tests[0].files[0].path", "tests[0].files[0].path: 'a.txt' is given twice (also files[0].path).")]
    [InlineData("""{"code":"print(1)","language":"python","compare":{"mode":1},"tests":[{"expectedOutput":"1"}]}""", "compare.mode", "compare.mode: must be one of exact, trimmed, tokens, float, checker; it was a number.")]
    [InlineData("""{"code":"print(1)","language":"python","files":[{"path":"a.txt","content":"a","encoding":"hex"}],"tests":[{"expectedOutput":"1"}]}""", "files[0].encoding", "files[0].encoding: must be one of utf8, base64; it was 'hex'.")]
    public async Task BadRequests_AreRefusedBeforeAnyRun_NamingTheField(string json, string field, string message)
    {
        json = json.Replace("EXPECTED", new string('x', 2000), StringComparison.Ordinal);

        var error = await Assert.ThrowsAnyAsync<CodeExecutionError>(() => fixture.Executor.GradeAsync(ExecutionRequestReader.ReadGrading(json)));

        Assert.Equal(field, error.Field);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task TooManyTests_AreRefused()
    {
        var request = new GradingRequest
        {
            Code = "print(1)",
            Language = ExecutionLanguage.Python,
            Tests = Enumerable.Repeat(new GradingTest { ExpectedOutput = "1" }, GradingValidator.MaxTests + 1).ToList(),
        };

        var error = await Assert.ThrowsAsync<InvalidRequestError>(() => fixture.Executor.GradeAsync(request));

        Assert.Equal("tests", error.Field);
        Assert.Equal("tests: has 1001 items; at most 1000 are allowed (a larger suite can go in a queued job).", error.Message);
    }
}
