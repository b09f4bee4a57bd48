using CodeExecution.Functions.Functions;

namespace CodeExecution.Functions.Tests;

/// <summary><c>POST /api/grade</c>: verdicts per test and a summary; a request that cannot be graded is a 400 naming the field.</summary>
[Collection(FunctionsAppCollection.Name)]
public sealed class GradeFunctionTests(FunctionsAppFixture app)
{
    private GradeFunction Function => app.Host.Function<GradeFunction>();

    [Fact]
    public async Task Grade_AnswersEachTestsVerdict_AndTheSummary()
    {
        var answer = await HttpCall.SendAsync(HttpCall.Post("/api/grade", """
            {"code":"a, b = map(int, input().split())\nprint(a + b)","language":"python","compare":{"mode":"tokens"},
             "tests":[{"name":"small","input":"1 2","expectedOutput":"3"},{"input":"2 2","expectedOutput":"5","weight":2},{"input":"x","expectedOutput":"0"}]}
            """), Function.Grade);

        Assert.Equal(200, answer.Status);
        var tests = answer.Json.GetProperty("tests").EnumerateArray().ToList();
        Assert.Equal(["accepted", "wrongAnswer", "runtimeError"], tests.Select(t => t.GetProperty("verdict").GetString()));
        Assert.Equal("small", tests[0].GetProperty("name").GetString());
        Assert.Equal("token 1: expected \"5\", got \"4\".", tests[1].GetProperty("message").GetString());
        Assert.EndsWith("ValueError: invalid literal for int() with base 10: 'x'\n", tests[2].GetProperty("stderr").GetString(), StringComparison.Ordinal);
        var summary = answer.Json.GetProperty("summary");
        Assert.Equal(3, summary.GetProperty("total").GetInt32());
        Assert.Equal(1, summary.GetProperty("accepted").GetInt32());
        Assert.Equal(1.0, summary.GetProperty("score").GetDouble());
        Assert.Equal(4.0, summary.GetProperty("maxScore").GetDouble());
        Assert.False(summary.GetProperty("allPassed").GetBoolean());
    }

    [Theory]
    [InlineData("""{"code":"print(1)","language":"python","tests":[]}""", "tests", "tests: at least one test is required.")]
    [InlineData("""{"code":"print(1)","language":"python","tests":[{"expectedOutput":"1"}],"compare":{"mode":"fuzzy"}}""", "compare.mode", "compare.mode: must be one of exact, trimmed, tokens, float, checker; it was 'fuzzy'.")]
    [InlineData("""{"code":"print(1)","language":"python","tests":[{"expectedOutput":"1","input":5}]}""", "tests[0].input", null)]
    public async Task Grade_BadRequest_Is400NamingTheField(string body, string field, string? detail)
    {
        var answer = await HttpCall.SendAsync(HttpCall.Post("/api/grade", body), Function.Grade);

        Assert.Equal(400, answer.Status);
        Assert.Equal(field, answer.Text("field"));
        if (detail is not null)
        {
            Assert.Equal(detail, answer.Text("detail"));
        }
    }
}
