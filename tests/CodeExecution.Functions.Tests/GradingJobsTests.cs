using System.Text.Json;
using System.Text.Json.Nodes;
using CodeExecution.Functions.Functions;

namespace CodeExecution.Functions.Tests;

/// <summary>
/// Grading as a queued job (<c>{"grading": GradingRequest}</c> on <c>POST /api/jobs</c>), each test an item of its
/// own, on real Azurite queues, blobs and tables: compared with <c>POST /api/grade</c> on the same request.
/// </summary>
[Collection(JobsAppCollection.Name)]
public sealed class GradingJobsTests(JobsAppFixture app)
{
    /// <summary>Adds the two numbers on its line; spins forever on <c>loop</c>.</summary>
    private const string Adder = "import sys\nline = sys.stdin.readline().strip()\nif line == 'loop':\n    while True: pass\na, b = map(int, line.split())\nprint(a + b)\n";

    private JobsFunction Api => app.Host.Function<JobsFunction>();

    [Fact]
    public async Task GradingJob_GivesEachTestTheVerdictPostApiGradeGives_AndTheSameSummary()
    {
        // Accepted, wrong answer, runtime error (ValueError) and time limit (the instruction budget), with weights 1 to 3.
        var tests = new JsonArray(Enumerable.Range(0, 24).Select(i => (JsonNode)((i % 4) switch
        {
            0 => Test(i, $"{i} {i + 1}", $"{2 * i + 1}"),
            1 => Test(i, $"{i} {i}", $"{2 * i + 1}"),
            2 => Test(i, "x y", "0"),
            _ => Test(i, "loop", "0"),
        })).ToArray());
        var grading = new JsonObject
        {
            ["code"] = Adder,
            ["language"] = "python",
            ["limits"] = new JsonObject { ["maxInstructions"] = 1_000_000_000 },
            ["tests"] = tests,
        };

        var accepted = await HttpCall.SendAsync(HttpCall.Post("/api/jobs", new JsonObject { ["grading"] = grading.DeepClone() }.ToJsonString()), Api.SubmitJob);
        var id = accepted.Text("id")!;
        await app.RunJobAsync(id);
        var done = await GetJobAsync(id);
        var direct = await HttpCall.SendAsync(HttpCall.Post("/api/grade", grading.ToJsonString()), app.Host.Function<GradeFunction>().Grade);

        Assert.Equal(202, accepted.Status);
        Assert.Equal(24, accepted.Json.GetProperty("total").GetInt32());
        Assert.Equal(200, direct.Status);
        Assert.Equal("completed", done.Text("status"));
        Assert.Equal("grading", done.Text("kind"));
        Assert.Equal(6, done.Json.GetProperty("completed").GetInt32());
        Assert.Equal(18, done.Json.GetProperty("failed").GetInt32());
        Assert.Equal(direct.Json.GetProperty("summary").GetRawText(), done.Json.GetProperty("summary").GetRawText());
        var summary = done.Json.GetProperty("summary");
        Assert.Equal(6, summary.GetProperty("accepted").GetInt32());
        Assert.Equal(6, summary.GetProperty("wrongAnswer").GetInt32());
        Assert.Equal(6, summary.GetProperty("runtimeError").GetInt32());
        Assert.Equal(6, summary.GetProperty("timeLimit").GetInt32());
        var results = done.Json.GetProperty("results").EnumerateArray().ToList();
        var expected = direct.Json.GetProperty("tests").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(0, 24), results.Select(r => r.GetProperty("index").GetInt32()));
        for (var i = 0; i < 24; i++)
        {
            var test = results[i].GetProperty("test");
            Assert.False(results[i].TryGetProperty("result", out _));
            Assert.Equal(test.GetProperty("verdict").GetString() == "accepted", results[i].GetProperty("success").GetBoolean());
            foreach (var field in new[] { "name", "verdict", "score", "weight", "message", "exitCode", "stdout", "stderr", "instructions" })
            {
                Assert.Equal(
                    expected[i].TryGetProperty(field, out var want) ? want.GetRawText() : null,
                    test.TryGetProperty(field, out var got) ? got.GetRawText() : null);
            }
        }

        Assert.Equal("\"wrongAnswer\"", results[1].GetProperty("test").GetProperty("verdict").GetRawText());
        Assert.Contains("ValueError", results[2].GetProperty("test").GetProperty("stderr").GetString(), StringComparison.Ordinal);
        var one = await HttpCall.SendAsync(HttpCall.Get($"/api/jobs/{id}/results/3"), request => Api.GetJobResult(request, id, "3"));
        Assert.Equal(results[3].GetProperty("test").GetRawText(), one.Json.GetRawText());
        Assert.Equal("timeLimit", one.Text("verdict"));
        Assert.Equal(1_000_000_000, one.Json.GetProperty("instructions").GetInt64());
        Assert.All(Enumerable.Range(0, 24), i => Assert.Equal(1, app.Executions[$"test {i} of {grading.ToJsonString()}"]));
    }

    [Fact]
    public async Task GradingJob_WithACheckerInAnotherLanguage_AndATestThatAlwaysCrashesItsWorker_CompletesAndPostsItsSummary()
    {
        await using var receiver = JobsTests.CallbackReceiver.Start(failuresBeforeSuccess: 0);
        var checker = "const fs = require('fs');\nconst [, , input, output, answer] = process.argv;\n"
            + "const got = fs.readFileSync(output, 'utf8').trim(), want = fs.readFileSync(answer, 'utf8').trim();\n"
            + "console.log(got === want ? 'accepted' : `wrong 0.5\\nwanted ${want} for ${fs.readFileSync(input, 'utf8').trim()}`);";
        var grading = new JsonObject
        {
            ["code"] = Adder,
            ["language"] = "python",
            ["compare"] = new JsonObject { ["mode"] = "checker", ["checker"] = new JsonObject { ["code"] = checker, ["language"] = "javascript" } },
            ["tests"] = new JsonArray(
                new JsonObject { ["name"] = "sum", ["input"] = "2 3", ["expectedOutput"] = "5" },
                new JsonObject { ["input"] = "2 2", ["expectedOutput"] = "5", ["weight"] = 4 },
                new JsonObject { ["name"] = "crash", ["input"] = $"1 1 {JobsAppFixture.CrashMarker}", ["expectedOutput"] = "2", ["weight"] = 2 }),
        };

        var accepted = await HttpCall.SendAsync(
            HttpCall.Post("/api/jobs", new JsonObject { ["grading"] = grading, ["callbackUrl"] = receiver.Url }.ToJsonString()), Api.SubmitJob);
        var id = accepted.Text("id")!;
        await app.RunJobAsync(id);
        var done = await GetJobAsync(id);

        Assert.Equal("completed", done.Text("status"));
        var results = done.Json.GetProperty("results");
        Assert.Equal("accepted", results[0].GetProperty("test").GetProperty("verdict").GetString());
        var wrong = results[1].GetProperty("test");
        Assert.Equal("test 2", wrong.GetProperty("name").GetString());
        Assert.Equal("wrongAnswer", wrong.GetProperty("verdict").GetString());
        Assert.Equal(2.0, wrong.GetProperty("score").GetDouble());
        Assert.Equal("wanted 5 for 2 2", wrong.GetProperty("message").GetString());
        var crashed = results[2].GetProperty("test");
        Assert.Equal("crash", crashed.GetProperty("name").GetString());
        Assert.Equal("skipped", crashed.GetProperty("verdict").GetString());
        Assert.Equal(2.0, crashed.GetProperty("weight").GetDouble());
        Assert.Equal(
            "Not run: Item 2 could not be run: its message failed on every delivery (5); last error: InvalidOperationException: The worker crashed running this item.",
            crashed.GetProperty("message").GetString());
        Assert.Equal(5, app.Executions[$"test 2 of {grading.ToJsonString()}"]);
        var posted = JsonDocument.Parse(Assert.Single(receiver.Requests).Body).RootElement.GetProperty("summary");
        Assert.Equal(done.Json.GetProperty("summary").GetRawText(), posted.GetRawText());
        Assert.Equal(3.0, posted.GetProperty("score").GetDouble());
        Assert.Equal(7.0, posted.GetProperty("maxScore").GetDouble());
        Assert.Equal(1, posted.GetProperty("skipped").GetInt32());
        Assert.False(posted.GetProperty("allPassed").GetBoolean());
    }

    [Theory]
    [InlineData(
        "{\"grading\":{\"code\":\"print(1)\",\"language\":\"python\",\"tests\":[{\"expectedOutput\":\"1\"},{\"input\":\"x\"}]}}",
        "grading.tests[1].expectedOutput", "grading.tests[1].expectedOutput: is required unless compare.mode is 'checker'.")]
    [InlineData(
        "{\"grading\":{\"code\":\"print(1)\",\"language\":\"python\",\"stopOnFirstFailure\":true,\"tests\":[{\"expectedOutput\":\"1\"}]}}",
        "grading.stopOnFirstFailure",
        "grading.stopOnFirstFailure: a job's tests run in parallel, each an item of its own, so a job cannot stop at the first failure; POST /api/grade can.")]
    [InlineData(
        "{\"grading\":{\"code\":\"print(1)\",\"language\":\"python\",\"compare\":{\"mode\":\"fuzzy\"},\"tests\":[{\"expectedOutput\":\"1\"}]}}",
        "grading.compare.mode", "grading.compare.mode: must be one of exact, trimmed, tokens, float, checker; it was 'fuzzy'.")]
    [InlineData(
        "{\"grading\":{\"code\":\"print(1)\",\"language\":\"python\",\"limits\":{\"timeoutMs\":1},\"tests\":[{\"expectedOutput\":\"1\"}]}}",
        "grading.limits.timeoutMs", "grading.limits.timeoutMs: 1 is out of range; it must be from 100 to 10000 ms.")]
    [InlineData("{\"grading\":{\"code\":\"print(1)\",\"language\":\"python\",\"tests\":[]}}", "grading.tests", "grading.tests: must hold 1 to 200 tests; it holds 0.")]
    [InlineData("{\"grading\":{\"code\":\"print(1)\",\"language\":\"python\"}}", "grading.tests", "grading.tests: is required and must be an array.")]
    [InlineData("{\"grading\":[1]}", "grading", "grading: must be a grading request (an object with code, language and tests).")]
    [InlineData("{\"requests\":[{}],\"grading\":{\"tests\":[{}]}}", "grading", "grading: a job holds either requests or one grading request, not both.")]
    [InlineData("{\"callbackUrl\":\"https://example.com\"}", "requests", "requests: is required and must be an array.")]
    public async Task InvalidGradingJob_Is400NamingTheField(string body, string field, string detail)
    {
        var answer = await HttpCall.SendAsync(HttpCall.Post("/api/jobs", body), Api.SubmitJob);

        ExecuteFunctionTests.AssertProblem(answer, 400, "Invalid request", field: field, code: "INVALID_REQUEST");
        Assert.Equal(detail, answer.Text("detail"));
    }

    [Fact]
    public async Task GradingJob_OfMoreTestsThanTheJobLimit_Is400()
    {
        var tests = string.Join(",", Enumerable.Repeat("{\"expectedOutput\":\"1\"}", 201));

        var answer = await HttpCall.SendAsync(HttpCall.Post("/api/jobs", $"{{\"grading\":{{\"code\":\"print(1)\",\"language\":\"python\",\"tests\":[{tests}]}}}}"), Api.SubmitJob);

        Assert.Equal(400, answer.Status);
        Assert.Equal("grading.tests", answer.Text("field"));
        Assert.Equal("grading.tests: must hold 1 to 200 tests; it holds 201.", answer.Text("detail"));
    }

    private static JsonObject Test(int i, string input, string expected) =>
        new() { ["input"] = input, ["expectedOutput"] = expected, ["weight"] = 1 + (i % 3) };

    private async Task<HttpAnswer> GetJobAsync(string id) =>
        await HttpCall.SendAsync(HttpCall.Get($"/api/jobs/{id}"), request => Api.GetJob(request, id));
}
