using System.Net;
using System.Text;

namespace CodeExecution.Cli.Tests;

/// <summary><c>codeexec job</c> against a loopback stand-in for the app's jobs API (the API itself is tested in the Functions tests).</summary>
public sealed class JobCommandTests
{
    [Fact]
    public async Task JobSubmit_Wait_PostsTheLinesWithTheKey_AndFollowsTheJobToItsEnd()
    {
        await using var api = FakeJobsApi.Start(runningReads: 2);
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "{\"code\":\"print(1)\",\"language\":\"python\"}\n\n{\"code\":\"console.log(2)\",\"language\":\"javascript\"}\n");

        var run = await Codeexec.RunAsync(["job", "submit", file, "--url", api.BaseUrl, "--key", "k3y", "--wait", "--interval", "20", "--no-progress"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("{\"requests\":[{\"code\":\"print(1)\",\"language\":\"python\"},{\"code\":\"console.log(2)\",\"language\":\"javascript\"}]}", api.Posted);
        Assert.All(api.Keys, key => Assert.Equal("k3y", key));
        Assert.Equal(
            "{\"id\":\"j1\",\"status\":\"completed\",\"total\":2,\"completed\":2,\"failed\":0,\"results\":[{\"index\":0,\"success\":true,\"result\":{\"stdout\":\"1\\n\"}},{\"index\":1,\"success\":true,\"result\":{\"stdout\":\"2 ✓\\n\"}}]}\n",
            run.Stdout);
        Assert.Equal("job j1: submitted\n", run.Stderr);
    }

    [Fact]
    public async Task JobSubmit_Wait_StderrNotATerminal_ShowsTheCountsAsPlainLines_AndTheFinalLine()
    {
        await using var api = FakeJobsApi.Start(runningReads: 2);
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "{\"code\":\"print(1)\",\"language\":\"python\"}\n{\"code\":\"console.log(2)\",\"language\":\"javascript\"}\n");

        // Reads more than a second apart: the item done between the first and second read is worth a plain line.
        var run = await Codeexec.RunAsync(["job", "submit", file, "--url", api.BaseUrl, "--wait", "--interval", "1100"]);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("{\"id\":\"j1\",\"status\":\"completed\"", run.Stdout);
        Assert.Matches(
            @"^job j1: submitted\njob: 1/2 done, 0 failed, \d+\.\d/(s|min), about \d+ s left\njob: 2/2 done, 0 failed in \d+\.\d s \(\d+\.\d/(s|min)\)\n$",
            run.Stderr);
    }

    [Fact]
    public async Task JobStatus_Wait_FailedJob_EndsTheProgressLine_SaysWhy_AndExitsOne()
    {
        await using var api = FakeJobsApi.Start(runningReads: 0);

        var run = await Codeexec.RunAsync(["job", "status", "j2", "--url", api.BaseUrl, "--wait"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(FakeJobsApi.FailedJob + "\n", run.Stdout);
        Assert.Matches(@"^job: 0/2 done, 0 failed in \d+\.\d s\ncodeexec: job j2 failed: The job message could not be read\.\n$", run.Stderr);
    }

    [Fact]
    public async Task JobStatus_UnknownJob_ExitsTwoWithTheDetail()
    {
        await using var api = FakeJobsApi.Start(runningReads: 0);

        var run = await Codeexec.RunAsync(["job", "status", "nope", "--url", api.BaseUrl]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("codeexec: the app answered 404 Not Found: There is no job nope.\n", run.Stderr);
    }

    [Fact]
    public async Task JobStatus_UrlWithoutApi_GetsAHint()
    {
        await using var api = FakeJobsApi.Start(runningReads: 0);

        var run = await Codeexec.RunAsync(["job", "status", "j1", "--url", api.Origin]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            "codeexec: the app answered 404 Not Found: There is no job nope.\n" +
            $"codeexec: --url is the app's API base, which ends in /api (e.g. http://localhost:7071/api); it was {api.Origin}.\n",
            run.Stderr);
    }

    [Fact]
    public async Task JobSubmit_NotJsonLine_IsRefusedBeforeSending()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "{\"code\":\"print(1)\",\"language\":\"python\"}\nprint(2)\n");

        var run = await Codeexec.RunAsync(["job", "submit", file, "--url", "http://127.0.0.1:9/api"]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("codeexec: line 2: is not JSON", run.Stderr);
    }

    /// <summary>Job j1 of two items, running for the first <c>runningReads</c> reads with one item more done at each, then completed; job j2, failed.</summary>
    private sealed class FakeJobsApi(int runningReads) : LoopbackHttpServer
    {
        /// <summary>Job j2: one that could not run.</summary>
        public const string FailedJob = "{\"id\":\"j2\",\"status\":\"failed\",\"total\":2,\"completed\":0,\"failed\":0,\"error\":\"The job message could not be read.\"}";

        private int _reads;

        public string BaseUrl => $"{Origin}/api";

        public string? Posted { get; private set; }

        public List<string?> Keys { get; } = [];

        public static FakeJobsApi Start(int runningReads) => new(runningReads);

        /// <summary>A completed job's answer holding one page of results, linking the next when there is one.</summary>
        private static string CompletedJob(string result, string? next) =>
            $"{{\"id\":\"j1\",\"status\":\"completed\",\"total\":2,\"completed\":2,\"failed\":0,\"results\":[{result}]{(next is null ? "" : $",\"nextResults\":\"{next}\"")}}}";

        protected override async Task HandleAsync(HttpListenerContext context)
        {
            var request = context.Request;
            Keys.Add(request.Headers["x-functions-key"]);
            var (status, body) = (request.HttpMethod, request.Url!.AbsolutePath, request.Url.Query) switch
            {
                ("POST", "/api/jobs", _) => (202, "{\"id\":\"j1\",\"status\":\"queued\",\"total\":2,\"location\":\"/api/jobs/j1\"}"),
                ("GET", "/api/jobs/j1", "?offset=1&limit=1") => (200, CompletedJob("{\"index\":1,\"success\":true,\"result\":{\"stdout\":\"2 ✓\\n\"}}", next: null)),
                ("GET", "/api/jobs/j2", _) => (200, FailedJob),
                ("GET", "/api/jobs/j1", _) => ++_reads <= runningReads
                    ? (200, $"{{\"id\":\"j1\",\"status\":\"running\",\"total\":2,\"completed\":{_reads - 1},\"failed\":0}}")
                    : (200, CompletedJob("{\"index\":0,\"success\":true,\"result\":{\"stdout\":\"1\\n\"}}", next: "/api/jobs/j1?offset=1&limit=1")),
                _ => (404, "{\"title\":\"Unknown job\",\"status\":404,\"detail\":\"There is no job nope.\"}"),
            };
            if (request.HttpMethod == "POST")
            {
                using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
                Posted = await reader.ReadToEndAsync();
            }

            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
        }
    }
}
