using System.Text.Json;
using CodeExecution.Functions.Functions;
using CodeExecution.Functions.Testing;
using CodeExecution.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CodeExecution.Functions.Tests;

/// <summary>
/// <c>codeexec grade --url</c>, the real CLI, against the app's functions on Kestrel with their queue functions
/// pumped on real Azurite queues: the same program and tests graded on the app as a queued job and in the CLI's own
/// sandbox give the same verdicts, scores, messages, output and summary.
/// </summary>
public sealed class GradeOnAppTests(GradeOnAppTests.AppOnAzurite fixture) : IClassFixture<GradeOnAppTests.AppOnAzurite>
{
    private const string Adder = "import sys\nline = sys.stdin.readline().strip()\na, b = map(int, line.split())\nprint(a + b)\n";

    private const string Tests = """
        [
          { "name": "small", "input": "1 2", "expectedOutput": "3" },
          { "name": "negative", "input": "-5 2", "expectedOutput": "-3", "weight": 2 },
          { "name": "wrong on purpose", "input": "2 2", "expectedOutput": "5" },
          { "name": "not numbers", "input": "x y", "expectedOutput": "0" },
          { "input": "40 2", "expectedOutput": "42" }
        ]
        """;

    private string Folder => fixture.Folder;

    private FunctionsWebHost App => fixture.App;

    private string ApiBase => $"{App.BaseAddress}api";

    [Fact]
    public async Task GradeWithUrl_GradesOnTheAppAsAJob_AsTheCliGradesItself()
    {
        var onApp = await WhilePumpingAsync(() => RunAsync("grade", "adder.py", "--tests", "tests.json", "--json", "--url", ApiBase, "--no-progress"));
        var local = await RunAsync("grade", "adder.py", "--tests", "tests.json", "--json");

        Assert.Equal(1, onApp.ExitCode);
        Assert.Equal(1, local.ExitCode);
        Assert.Matches("^job [0-9a-f]{32}: submitted\n$", onApp.Stderr);
        var (app, cli) = (JsonDocument.Parse(onApp.Stdout).RootElement, JsonDocument.Parse(local.Stdout).RootElement);
        Assert.Equal(cli.GetProperty("summary").GetRawText(), app.GetProperty("summary").GetRawText());
        Assert.Equal(3, app.GetProperty("summary").GetProperty("accepted").GetInt32());
        var (appTests, cliTests) = (app.GetProperty("tests").EnumerateArray().ToList(), cli.GetProperty("tests").EnumerateArray().ToList());
        Assert.Equal(5, appTests.Count);
        for (var i = 0; i < 5; i++)
        {
            foreach (var field in new[] { "name", "verdict", "score", "weight", "message", "exitCode", "stdout", "stderr" })
            {
                Assert.Equal(
                    cliTests[i].TryGetProperty(field, out var want) ? want.GetRawText() : null,
                    appTests[i].TryGetProperty(field, out var got) ? got.GetRawText() : null);
            }
        }

        Assert.Equal(["accepted", "accepted", "wrongAnswer", "runtimeError", "accepted"], appTests.Select(t => t.GetProperty("verdict").GetString()));
        Assert.Equal("test 5", appTests[4].GetProperty("name").GetString());
    }

    [Fact]
    public async Task GradeWithUrl_PrintsTheTable_AndExitsZeroWhenAllPassed()
    {
        await File.WriteAllTextAsync(Path.Combine(Folder, "passing.json"), """[{ "input": "1 1", "expectedOutput": "2" }, { "input": "2 3", "expectedOutput": "5" }]""");

        var run = await WhilePumpingAsync(() => RunAsync("grade", "adder.py", "--tests", "passing.json", "--url", ApiBase, "--interval", "100"));

        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.TrimEnd('\n').Split('\n');
        Assert.Matches(@"^#\s+test\s+verdict\s+time\s+memory\s+score\s+message$", lines[0].TrimEnd());
        Assert.Matches(@"^1\s+test 1\s+accepted\s+\d+\.\d ms\s+\d+\.\d MiB\s+1/1$", lines[1].TrimEnd());
        Assert.Matches(@"^2\s+test 2\s+accepted\s+", lines[2]);
        Assert.Matches(@"^job [0-9a-f]{32}: submitted\n(job: .*\n)*job: 2/2 done, 0 failed in \d+\.\d s \(\d+\.\d/(s|min)\)\n$", run.Stderr);
    }

    [Fact]
    public async Task GradeWithUrl_ARequestTheAppRefuses_ExitsTwoWithItsDetail()
    {
        var run = await RunAsync("grade", "adder.py", "--tests", "tests.json", "--stop-on-first-failure", "--url", ApiBase);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            "codeexec: the app answered 400 Bad Request: grading.stopOnFirstFailure: a job's tests run in parallel, each an item of its own, so a job cannot stop at the first failure; POST /api/grade can.\n",
            run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task DocumentedGradingJob_AnswersAsDocumented()
    {
        var (submit, submitted) = DocumentedCommand.Find("docs/functions.md", "curl -si $BASE/jobs -H 'Content-Type: application/json' -d '{\"grading\"");
        var (read, done) = DocumentedCommand.Find("docs/functions.md", "curl -s $BASE/jobs/$ID");
        var environment = new Dictionary<string, string> { ["BASE"] = ApiBase };

        var accepted = await DocumentedExamples.RunAsync(submit, environment);
        DocumentedExamples.AssertShows(submitted, accepted);
        environment["ID"] = JsonDocument.Parse(accepted[^1]).RootElement.GetProperty("id").GetString()!;
        var store = App.Services.GetRequiredService<CodeExecution.Storage.Jobs.JobStore>();
        await Pump().RunUntilAsync(async () => await store.GetJobAsync(environment["ID"], CancellationToken.None) is { IsFinal: true }, TimeSpan.FromMinutes(3));
        var answer = await DocumentedExamples.RunAsync(read, environment);

        DocumentedExamples.AssertShows(done, answer);
    }

    private Task<Codeexec.Run> RunAsync(params string[] args) =>
        Codeexec.RunAsync(args, moduleCacheDirectory: Codeexec.SharedModuleCacheDirectory, workingDirectory: Folder);

    /// <summary>The app's queue functions, taking messages as the Functions host would.</summary>
    private QueuePump Pump()
    {
        var job = App.Services.GetRequiredService<ProcessJobFunction>();
        var item = App.Services.GetRequiredService<ProcessJobItemFunction>();
        return new QueuePump(App.Services.GetRequiredService<StorageClients>().Queues)
            .Route(StorageNames.JobsQueue, job.ProcessJob)
            .Route(StorageNames.JobItemsQueue, item.ProcessJobItem);
    }

    /// <summary>Runs the CLI while the app's queue functions take its job's messages, as the Functions host would.</summary>
    private async Task<Codeexec.Run> WhilePumpingAsync(Func<Task<Codeexec.Run>> cli)
    {
        var running = cli();
        await Pump().RunUntilAsync(() => Task.FromResult(running.IsCompleted), TimeSpan.FromMinutes(3));
        return await running;
    }

    /// <summary>Azurite, the app on Kestrel, and a folder holding the program and its tests, shared by the tests.</summary>
    public sealed class AppOnAzurite : IAsyncLifetime
    {
        private AzuriteServer? _azurite;
        private FunctionsWebHost? _app;

        public FunctionsWebHost App => _app ?? throw new InvalidOperationException("Not started.");

        public string Folder { get; private set; } = "";

        public async Task InitializeAsync()
        {
            _azurite = await AzuriteServer.StartAsync();
            _app = await FunctionsWebHost.StartAsync(TestHost.Settings(_azurite, StorageNamesForRun.Unique()));
            Folder = Directory.CreateTempSubdirectory("grade-on-app-").FullName;
            await File.WriteAllTextAsync(Path.Combine(Folder, "adder.py"), Adder);
            await File.WriteAllTextAsync(Path.Combine(Folder, "tests.json"), Tests);
        }

        public async Task DisposeAsync()
        {
            if (_app is not null)
            {
                await _app.DisposeAsync();
            }

            if (_azurite is not null)
            {
                await _azurite.DisposeAsync();
            }

            Directory.Delete(Folder, recursive: true);
        }
    }
}
