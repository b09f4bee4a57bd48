using CodeExecution.Functions.Functions;

namespace CodeExecution.Functions.Tests;

[Collection(FunctionsAppCollection.Name)]
public sealed class ExecuteBatchFunctionTests(FunctionsAppFixture app)
{
    private Task<HttpAnswer> BatchAsync(string body) =>
        HttpCall.SendAsync(HttpCall.Post("/api/execute/batch", body), app.Host.Function<ExecuteBatchFunction>().ExecuteBatch);

    [Fact]
    public async Task Batch_AnswersResultsInOrder_InvalidItemGetsItsOwnError()
    {
        var answer = await BatchAsync("""
            {"requests": [
              {"code": "print('first')", "language": "python"},
              {"code": "print('x')", "language": "python", "limits": {"timeoutMs": 1}},
              {"code": "10 PRINT 1", "language": "basic"},
              {"code": "import sys\nprint('third'); sys.exit(4)", "language": "python"}
            ]}
            """);

        Assert.Equal(200, answer.Status);
        var results = answer.Json.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(4, results.Count);
        Assert.True(results[0].GetProperty("success").GetBoolean());
        Assert.Equal("first\n", results[0].GetProperty("stdout").GetString());
        Assert.False(results[1].GetProperty("success").GetBoolean());
        Assert.Equal("limits.timeoutMs: 1 is out of range; it must be from 100 to 10000 ms.", results[1].GetProperty("error").GetString());
        Assert.False(results[1].GetProperty("metadata").GetProperty("wasSandboxed").GetBoolean());
        Assert.Equal("Unsupported language 'basic'. Supported languages: python, javascript, typescript, ruby, wasm.", results[2].GetProperty("error").GetString());
        Assert.False(results[2].TryGetProperty("language", out _));
        Assert.Equal("python", results[1].GetProperty("language").GetString());
        Assert.Equal(4, results[3].GetProperty("exitCode").GetInt32());
        Assert.Equal("third\n", results[3].GetProperty("stdout").GetString());
    }

    [Fact]
    public async Task Batch_OverTheMaximum_Answers400NamingRequestsAndTheBound()
    {
        var item = """{"code": "print(1)", "language": "python"}""";
        var answer = await BatchAsync($$"""{"requests": [{{string.Join(",", Enumerable.Repeat(item, 6))}}]}""");

        ExecuteFunctionTests.AssertProblem(answer, 400, "Invalid request", field: "requests", code: "INVALID_REQUEST");
        Assert.Equal("requests: must hold 1 to 5 requests; it holds 6.", answer.Text("detail"));
    }

    [Theory]
    [InlineData("""[]""", "$", "body: must be a JSON object with a \"requests\" array.")]
    [InlineData("""{"requests": {}}""", "requests", "requests: is required and must be an array.")]
    [InlineData("""{"requests": []}""", "requests", "requests: must hold 1 to 5 requests; it holds 0.")]
    [InlineData("""{"requests": [], "parallel": true}""", "parallel", "parallel: is not a known field.")]
    public async Task Batch_WrongShape_Answers400(string body, string field, string detail)
    {
        var answer = await BatchAsync(body);

        ExecuteFunctionTests.AssertProblem(answer, 400, "Invalid request", field: field, code: "INVALID_REQUEST");
        Assert.Equal(detail, answer.Text("detail"));
    }

    [Fact]
    public async Task Batch_MalformedJson_Answers400()
    {
        var answer = await BatchAsync("""{"requests": [""");

        ExecuteFunctionTests.AssertProblem(answer, 400, "Invalid request", field: "$", code: "INVALID_REQUEST");
    }
}
