using System.Text.Json;
using CodeExecution.Functions.Functions;

namespace CodeExecution.Functions.Tests;

[Collection(FunctionsAppCollection.Name)]
public sealed class ExecuteFunctionTests(FunctionsAppFixture app)
{
    private ExecuteFunction Function => app.Host.Function<ExecuteFunction>();

    private Task<HttpAnswer> ExecuteAsync(string body, string? contentType = "application/json") =>
        HttpCall.SendAsync(HttpCall.Post("/api/execute", body, contentType), Function.Execute);

    [Fact]
    public async Task Execute_PythonHelloWorld_Answers200WithTheResult()
    {
        var answer = await ExecuteAsync("""{"code":"print('hello from http')","language":"python"}""");

        Assert.Equal(200, answer.Status);
        Assert.Equal("application/json; charset=utf-8", answer.ContentType);
        Assert.True(answer.Json.GetProperty("success").GetBoolean());
        Assert.Equal(0, answer.Json.GetProperty("exitCode").GetInt32());
        Assert.Equal("hello from http\n", answer.Text("stdout"));
        Assert.Equal("python", answer.Text("language"));
        Assert.True(answer.Json.GetProperty("metadata").GetProperty("wasSandboxed").GetBoolean());
    }

    [Fact]
    public async Task Execute_Ruby_Answers200WithRubysOutputAndExitCode()
    {
        var answer = await ExecuteAsync("""{"code":"puts $stdin.read.upcase\nputs ARGV.inspect\nabort 'done'","language":"rb","input":"abc","args":["x"]}""");

        Assert.Equal(200, answer.Status);
        Assert.False(answer.Json.GetProperty("success").GetBoolean());
        Assert.Equal(1, answer.Json.GetProperty("exitCode").GetInt32());
        Assert.Equal("ABC\n[\"x\"]\n", answer.Text("stdout"));
        Assert.Equal("done\n", answer.Text("stderr"));
        Assert.Equal("ruby", answer.Text("language"));
        Assert.Equal("CRuby (WASI)", answer.Json.GetProperty("metadata").GetProperty("runtimeUsed").GetString());
    }

    [Fact]
    public async Task Execute_ReadsStdin_EchoesIt()
    {
        var answer = await ExecuteAsync("""{"code":"import sys\nprint(sys.stdin.read().upper())","language":"py","input":"abc"}""");

        Assert.Equal(200, answer.Status);
        Assert.Equal("ABC\n", answer.Text("stdout"));
    }

    [Fact]
    public async Task Execute_ProgramFails_Answers200WithSuccessFalse()
    {
        var answer = await ExecuteAsync("""{"code":"import sys\nsys.exit(3)","language":"python"}""");

        Assert.Equal(200, answer.Status);
        Assert.False(answer.Json.GetProperty("success").GetBoolean());
        Assert.Equal(3, answer.Json.GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public async Task Execute_MalformedJson_Answers400NamingTheBody()
    {
        var answer = await ExecuteAsync("""{"code": "print(1)", """);

        AssertProblem(answer, 400, "Invalid request", field: "$", code: "INVALID_REQUEST");
        Assert.StartsWith("body: is not valid JSON for this field", answer.Text("detail"));
    }

    [Fact]
    public async Task Execute_WrongType_Answers400NamingTheField()
    {
        var answer = await ExecuteAsync("""{"code": 5, "language": "python"}""");

        AssertProblem(answer, 400, "Invalid request", field: "code", code: "INVALID_REQUEST");
    }

    [Fact]
    public async Task Execute_TimeoutOutOfRange_Answers400NamingTheFieldAndBound()
    {
        var answer = await ExecuteAsync("""{"code": "print(1)", "language": "python", "limits": {"timeoutMs": 50}}""");

        AssertProblem(answer, 400, "Invalid request", field: "limits.timeoutMs", code: "INVALID_REQUEST");
        Assert.Equal("limits.timeoutMs: 50 is out of range; it must be from 100 to 10000 ms.", answer.Text("detail"));
    }

    [Fact]
    public async Task Execute_MissingCode_Answers400()
    {
        var answer = await ExecuteAsync("""{"language": "python"}""");

        AssertProblem(answer, 400, "Invalid request", field: "code", code: "INVALID_REQUEST");
        Assert.Equal("code: is required (or entry, naming the file among files that is the program).", answer.Text("detail"));
    }

    [Fact]
    public async Task Execute_WithFiles_AnswersWithTheFilesTheProgramWrote()
    {
        var answer = await ExecuteAsync("""
            {"language":"javascript","entry":"main.js","files":[
              {"path":"main.js","content":"const { total } = require('./lib/sum');\nrequire('fs').writeFileSync('total.txt', String(total([1, 2, 3])));"},
              {"path":"lib/sum.js","content":"exports.total = (xs) => xs.reduce((a, b) => a + b, 0);"}]}
            """);

        Assert.Equal(200, answer.Status);
        var file = answer.Json.GetProperty("files")[0];
        Assert.Equal(("total.txt", 1, "6", "utf8"), (file.GetProperty("path").GetString(), file.GetProperty("size").GetInt32(), file.GetProperty("content").GetString(), file.GetProperty("encoding").GetString()));
        Assert.False(answer.Json.TryGetProperty("filesTruncated", out _));
    }

    [Theory]
    [InlineData("""{"language":"python","code":"print(1)","files":[{"path":"../x.py","content":""}]}""", "files[0].path", "files[0].path: '../x.py' must stay inside /sandbox: no '..', '.' or empty names, and no trailing '/'.")]
    [InlineData("""{"language":"python","code":"print(1)","files":[{"path":"a.bin","content":"%%%","encoding":"base64"}]}""", "files[0].path", "files[0].path: the content of 'a.bin' is not valid base64.")]
    [InlineData("""{"language":"python","code":"print(1)","files":[{"path":"a.bin","content":"x","encoding":"hex"}]}""", "files[0].encoding", null)]
    [InlineData("""{"language":"python","entry":"main.py","files":[]}""", "entry", "entry: 'main.py' is not the path of one of the files.")]
    public async Task Execute_BadFiles_Answers400NamingTheField(string body, string field, string? detail)
    {
        var answer = await ExecuteAsync(body);

        AssertProblem(answer, 400, "Invalid request", field: field, code: "INVALID_REQUEST");
        if (detail is not null)
        {
            Assert.Equal(detail, answer.Text("detail"));
        }
    }

    [Fact]
    public async Task Execute_UnknownField_Answers400NamingIt()
    {
        var answer = await ExecuteAsync("""{"code": "print(1)", "language": "python", "timeout": 5}""");

        AssertProblem(answer, 400, "Invalid request", field: "timeout", code: "INVALID_REQUEST");
        Assert.Equal("timeout: is not a known field.", answer.Text("detail"));
    }

    [Fact]
    public async Task Execute_UnknownLanguage_Answers400()
    {
        var answer = await ExecuteAsync("""{"code": "10 PRINT 1", "language": "basic"}""");

        AssertProblem(answer, 400, "Unsupported language", field: "language", code: "UNSUPPORTED_LANGUAGE");
        Assert.Equal("Unsupported language 'basic'. Supported languages: python, javascript, typescript, ruby, wasm.", answer.Text("detail"));
    }

    [Fact]
    public async Task Execute_EmptyBody_Answers400()
    {
        var answer = await ExecuteAsync("");

        AssertProblem(answer, 400, "Invalid request", field: "$", code: "INVALID_REQUEST");
        Assert.Equal("body: is required: send a JSON object.", answer.Text("detail"));
    }

    [Theory]
    [InlineData("text/plain", "Content-Type must be application/json; it was 'text/plain'.")]
    [InlineData(null, "Content-Type must be application/json; it was missing.")]
    [InlineData("application/json; charset=latin1", "Content-Type must be application/json; it was 'application/json; charset=latin1'.")]
    public async Task Execute_WrongContentType_Answers415(string? contentType, string detail)
    {
        var answer = await ExecuteAsync("""{"code":"print(1)","language":"python"}""", contentType);

        AssertProblem(answer, 415, "Unsupported media type", field: "Content-Type", code: null);
        Assert.Equal(detail, answer.Text("detail"));
    }

    [Fact]
    public async Task Execute_ProblemJsonContentType_IsAccepted()
    {
        var answer = await ExecuteAsync("""{"code":"print(2)","language":"python"}""", "application/vnd.codeexec+json; charset=utf-8");

        Assert.Equal(200, answer.Status);
    }

    [Fact]
    public async Task Execute_BodyOverTheLimit_Answers413()
    {
        var code = new string('#', 70_000);
        var answer = await ExecuteAsync($$"""{"code":"{{code}}","language":"python"}""");

        AssertProblem(answer, 413, "Request body too large", field: "body", code: null);
        Assert.Equal("The request body must be at most 65536 bytes.", answer.Text("detail"));
    }

    [Fact]
    public async Task Execute_BodyOverTheLimitWithoutContentLength_Answers413()
    {
        var request = HttpCall.Post("/api/execute", $$"""{"code":"{{new string('#', 70_000)}}","language":"python"}""");
        request.ContentLength = null;

        var answer = await HttpCall.SendAsync(request, Function.Execute);

        AssertProblem(answer, 413, "Request body too large", field: "body", code: null);
    }

    [Fact]
    public async Task Execute_AllSandboxesBusy_WaitsInTheQueue_And429sWhenItIsFullOrTheWaitRunsOut()
    {
        // Two sandboxes and one place in the queue, as in TestHost.Settings, but 2 s of waiting and 8 s spins: on a loaded
        // machine the states below must last long enough to be seen (CI once missed both spins running at 400 ms / 1.5 s).
        var settings = TestHost.Settings(app.Azurite, StorageNamesForRun.Unique());
        settings["CodeExecution:MaxQueueWaitMs"] = "2000";
        await using var host = await TestHost.StartAsync(settings);
        var function = host.Function<ExecuteFunction>();
        Task<HttpAnswer> Execute(string body) => HttpCall.SendAsync(HttpCall.Post("/api/execute", body), function.Execute);
        const string Spin = """{"code":"while True: pass","language":"python","limits":{"timeoutMs":8000}}""";
        var first = Execute(Spin);
        var second = Execute(Spin);
        var executor = host.Executor.Executor;
        await WaitUntilAsync(() => executor.Running == executor.MaxConcurrency, first, second);
        var waiting = Execute("""{"code":"print(1)","language":"python"}""");
        await WaitUntilAsync(() => executor.Pending == executor.MaxConcurrency + 1, first, second, waiting);

        var refusedAtOnce = await Execute("""{"code":"print(2)","language":"python"}""");
        var refusedAfterWaiting = await waiting;

        AssertProblem(refusedAtOnce, 429, "Too many executions", field: null, code: null);
        Assert.Equal("2", refusedAtOnce.Headers.RetryAfter.ToString());
        Assert.Equal("All 2 sandboxes of this instance are busy and 1 request waits for them; try again shortly.", refusedAtOnce.Text("detail"));
        AssertProblem(refusedAfterWaiting, 429, "Too many executions", field: null, code: null);
        Assert.Equal("No sandbox of this instance freed up within 2000 ms; try again shortly.", refusedAfterWaiting.Text("detail"));
        foreach (var spinning in await Task.WhenAll(first, second))
        {
            Assert.Equal(200, spinning.Status);
            Assert.False(spinning.Json.GetProperty("success").GetBoolean());
            Assert.True(spinning.Json.GetProperty("metadata").GetProperty("timeoutHit").GetBoolean());
        }

        // The refused request left its place in the queue: the next one runs.
        var after = await Execute("""{"code":"print(3)","language":"python"}""");
        Assert.Equal("3\n", after.Text("stdout"));
    }

    /// <summary>Waits for <paramref name="condition"/>; fails at once, naming the answer, if a request that should still be busy has answered.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition, params Task<HttpAnswer>[] stillBusy)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (stillBusy.FirstOrDefault(request => request.IsCompleted) is { } answered)
            {
                var answer = await answered;
                Assert.Fail($"request {Array.IndexOf(stillBusy, answered) + 1} answered {answer.Status} before the condition came true: {answer.Body}");
            }

            Assert.True(DateTime.UtcNow < deadline, "the condition did not come true within 10 s");
            await Task.Delay(5);
        }
    }

    internal static void AssertProblem(HttpAnswer answer, int status, string title, string? field, string? code)
    {
        Assert.Equal(status, answer.Status);
        Assert.Equal("application/problem+json; charset=utf-8", answer.ContentType);
        var json = answer.Json;
        Assert.Equal(status, json.GetProperty("status").GetInt32());
        Assert.Equal(title, json.GetProperty("title").GetString());
        Assert.Equal($"https://www.rfc-editor.org/rfc/rfc9110#status.{status}", json.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("detail").GetString()));
        Assert.Equal(field, json.TryGetProperty("field", out var f) ? f.GetString() : null);
        Assert.Equal(code, json.TryGetProperty("code", out var c) ? c.GetString() : null);
        Assert.DoesNotContain("   at ", answer.Body);
        _ = JsonDocument.Parse(answer.Body);
    }
}
