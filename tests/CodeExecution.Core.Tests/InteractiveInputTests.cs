using System.Text;
using CodeExecution.Core.Model;

namespace CodeExecution.Core.Tests;

/// <summary>
/// A caller can supply stdin as the program runs: reads wait for it (never past the deadline), answers can follow the
/// prompts the caller has seen, and stdin as a whole stays within its limit.
/// </summary>
[Collection(ExecutorCollection.Name)]
public sealed class InteractiveInputTests(ExecutorFixture fixture)
{
    /// <summary>
    /// Runs <paramref name="code"/> with interactive stdin; whenever the output so far ends with one of
    /// <paramref name="answers"/>' prompts, its text is written (and the input completed after the last one).
    /// </summary>
    private async Task<ExecutionResult> AnswerAsync(
        ExecutionLanguage language, string code, (string Prompt, string Text)[] answers, InteractiveInput? input = null,
        string? requestInput = null, ExecutionLimits? limits = null, CancellationToken cancellationToken = default)
    {
        input ??= new InteractiveInput();
        var output = new StringBuilder();
        var next = 0;
        return await fixture.Executor.ExecuteAsync(
            new ExecutionRequest { Language = language, Code = code, Input = requestInput, Limits = limits },
            chunk =>
            {
                output.Append(chunk.Text);
                while (next < answers.Length && output.ToString().EndsWith(answers[next].Prompt, StringComparison.Ordinal))
                {
                    input.Write(answers[next++].Text);
                    if (next == answers.Length)
                    {
                        input.Complete();
                    }
                }
            },
            input,
            cancellationToken);
    }

    [Fact]
    public async Task Python_InputTwice_EachLineTypedOnlyOnceItsPromptWasSeen()
    {
        const string code = "name = input('name? ')\nprint('hi', name)\nage = input('age? ')\nprint(name, 'is', age)\n";

        var result = await AnswerAsync(ExecutionLanguage.Python, code, [("name? ", "Ada\n"), ("age? ", "36\n")]);
        var native = await Native.RunAsync("python3", "main.py", code, "Ada\n36\n");

        Assert.Equal("name? hi Ada\nage? Ada is 36\n", result.Stdout);
        Assert.Equal((native.ExitCode, native.Stdout, native.Stderr), (result.ExitCode, result.Stdout, result.Stderr));
    }

    [Fact]
    public async Task Python_StdinRead_TakesTheRequestsInputThenWhatComes_UntilEndOfFile()
    {
        const string code = "import sys\nprint('ready', flush=True)\nprint(repr(sys.stdin.read()))\nprint(repr(sys.stdin.read()))\n";

        var result = await AnswerAsync(ExecutionLanguage.Python, code, [("ready\n", "b\n"), ("ready\n", "c")], requestInput: "a\n");
        var native = await Native.RunAsync("python3", "main.py", code, "a\nb\nc");

        Assert.Equal("ready\n'a\\nb\\nc'\n''\n", result.Stdout);
        Assert.Equal((native.ExitCode, native.Stdout, native.Stderr), (result.ExitCode, result.Stdout, result.Stderr));
    }

    [Fact]
    public async Task JavaScript_ReadlineQuestions_EachLineTypedOnlyOnceItsPromptWasSeen()
    {
        const string code = """
            const rl = require('readline').createInterface({ input: process.stdin, output: process.stdout });
            rl.question('name? ', (name) => {
              console.log('hi', name);
              rl.question('age? ', (age) => { console.log(name, 'is', age); rl.close(); });
            });
            """;

        var result = await AnswerAsync(ExecutionLanguage.JavaScript, code, [("name? ", "Ada\n"), ("age? ", "36\n")]);
        var native = await Native.RunAsync("node", "main.js", code, "Ada\n36\n");

        Assert.Equal("name? hi Ada\nage? Ada is 36\n", result.Stdout);
        Assert.Equal((native.ExitCode, native.Stdout, native.Stderr), (result.ExitCode, result.Stdout, result.Stderr));
    }

    [Fact]
    public async Task JavaScript_StdinDataEvents_DeliverWhatComes_ThenEnd()
    {
        const string code = """
            let all = '';
            process.stdin.setEncoding('utf8');
            process.stdin.on('data', (chunk) => { all += chunk; });
            process.stdin.on('end', () => console.log(JSON.stringify(all)));
            console.log('ready');
            """;

        var result = await AnswerAsync(ExecutionLanguage.JavaScript, code, [("ready\n", "x\n"), ("ready\n", "y")]);
        var native = await Native.RunAsync("node", "main.js", code, "x\ny");

        Assert.Equal("ready\n\"x\\ny\"\n", result.Stdout);
        Assert.Equal((native.ExitCode, native.Stdout, native.Stderr), (result.ExitCode, result.Stdout, result.Stderr));
    }

    [Theory]
    [InlineData(ExecutionLanguage.Python, "input('name? ')\nprint('never')")]
    [InlineData(ExecutionLanguage.JavaScript, "require('readline').createInterface({ input: process.stdin, output: process.stdout }).question('name? ', () => console.log('never'))")]
    public async Task InputThatNeverComes_EndsTheRunAtItsDeadline_WithTheTimeoutVerdict(ExecutionLanguage language, string code)
    {
        var result = await AnswerAsync(language, code, [], limits: new ExecutionLimits { TimeoutMs = 500 });

        Assert.True(result.Metadata.TimeoutHit);
        Assert.Equal(124, result.ExitCode);
        Assert.Equal("Time limit of 500 ms exceeded; the program was stopped.", result.Error);
        Assert.Equal(("name? ", ""), (result.Stdout, result.Stderr));
    }

    [Theory]
    [InlineData(ExecutionLanguage.Python, "input('name? ')\nprint('never')")]
    [InlineData(ExecutionLanguage.JavaScript, "require('readline').createInterface({ input: process.stdin, output: process.stdout }).question('name? ', () => console.log('never'))")]
    public async Task Cancellation_EndsARunWaitingForInput(ExecutionLanguage language, string code)
    {
        using var cancellation = new CancellationTokenSource();
        var input = new InteractiveInput();
        var output = new StringBuilder();
        var result = await fixture.Executor.ExecuteAsync(
            new ExecutionRequest { Language = language, Code = code, Limits = new ExecutionLimits { TimeoutMs = 10000 } },
            chunk =>
            {
                output.Append(chunk.Text);
                if (output.ToString() == "name? ")
                {
                    cancellation.Cancel();
                }
            },
            input,
            cancellation.Token);

        Assert.True(result.Metadata.TimeoutHit);
        Assert.Equal(124, result.ExitCode);
        Assert.Equal(("name? ", ""), (result.Stdout, result.Stderr));
    }

    [Theory]
    [InlineData(ExecutionLanguage.Python, "import sys\nprint('ready', flush=True)\ndata = sys.stdin.read()\nprint(len(data), len(data.encode()))")]
    [InlineData(ExecutionLanguage.JavaScript, "const fs = require('fs');\nconsole.log('ready');\nconst data = fs.readFileSync(0, 'utf8');\nconsole.log(data.length, Buffer.byteLength(data))")]
    public async Task InputPastTheLimit_IsCutAtAWholeCharacter_ThenEnds_AndLaterWritesAreRefused(ExecutionLanguage language, string code)
    {
        var input = new InteractiveInput();

        // 1,001 bytes, then 40 bytes of two-byte characters: 11 of them fit the 1,024 bytes.
        var result = await AnswerAsync(
            language, code, [("ready\n", new string('a', 1001)), ("ready\n", new string('é', 20))], input,
            limits: new ExecutionLimits { MaxInputSize = 1024 });

        Assert.Equal("ready\n1012 1023\n", result.Stdout);
        Assert.Equal(0, result.ExitCode);
        Assert.True(input.LimitReached);
        Assert.False(input.Write("more"));
    }
}
