using System.Text;
using CodeExecution.Functions.Functions;
using Microsoft.AspNetCore.Http;

namespace CodeExecution.Functions.Tests;

/// <summary>
/// Bad input through the HTTP functions: every malformed, mistyped, out-of-range or oversized request gets its
/// 4xx problem naming the field, and none gets a 500.
/// </summary>
[Collection(FunctionsAppCollection.Name)]
public sealed class HostileRequestTests(FunctionsAppFixture app)
{
    private static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    public static TheoryData<string, string, int, string, string?> ExecuteCases() => new()
    {
        // name, body, status, title, field
        { "empty object", "{}", 400, "Invalid request", "language" },
        { "JSON null", "null", 400, "Invalid request", "$" },
        { "JSON array", "[]", 400, "Invalid request", "$" },
        { "JSON string", "\"print(1)\"", 400, "Invalid request", "$" },
        { "truncated JSON", """{"code":"print(1)","language":""", 400, "Invalid request", "language" },
        { "trailing garbage", """{"code":"print(1)","language":"python"} x""", 400, "Invalid request", "$" },
        { "comment in JSON", """{"code":"print(1)", /* hi */ "language":"python"}""", 400, "Invalid request", "$" },
        { "missing language", """{"code":"print(1)"}""", 400, "Invalid request", "language" },
        { "missing code", """{"language":"python"}""", 400, "Invalid request", "code" },
        { "code is a number", """{"code":5,"language":"python"}""", 400, "Invalid request", "code" },
        { "code is null", """{"code":null,"language":"python"}""", 400, "Invalid request", "code" },
        { "language is a number", """{"code":"x","language":1}""", 400, "Invalid request", "language" },
        { "unknown language", """{"code":"x","language":"brainfuck"}""", 400, "Unsupported language", "language" },
        { "empty language", """{"code":"x","language":""}""", 400, "Unsupported language", "language" },
        { "limits is a string", """{"code":"x","language":"python","limits":"fast"}""", 400, "Invalid request", "limits" },
        { "timeout negative", """{"code":"x","language":"python","limits":{"timeoutMs":-1}}""", 400, "Invalid request", "limits.timeoutMs" },
        { "timeout zero", """{"code":"x","language":"python","limits":{"timeoutMs":0}}""", 400, "Invalid request", "limits.timeoutMs" },
        { "timeout huge", """{"code":"x","language":"python","limits":{"timeoutMs":99999999999}}""", 400, "Invalid request", "limits.timeoutMs" },
        { "timeout fractional", """{"code":"x","language":"python","limits":{"timeoutMs":1.5}}""", 400, "Invalid request", "limits.timeoutMs" },
        { "timeout as string", """{"code":"x","language":"python","limits":{"timeoutMs":"1000"}}""", 400, "Invalid request", "limits.timeoutMs" },
        { "memory zero", """{"code":"x","language":"python","limits":{"maxMemoryMB":0}}""", 400, "Invalid request", "limits.maxMemoryMB" },
        { "memory huge", """{"code":"x","language":"python","limits":{"maxMemoryMB":65536}}""", 400, "Invalid request", "limits.maxMemoryMB" },
        { "output negative", """{"code":"x","language":"python","limits":{"maxOutputSize":-100}}""", 400, "Invalid request", "limits.maxOutputSize" },
        { "input limit huge", """{"code":"x","language":"python","limits":{"maxInputSize":2147483647}}""", 400, "Invalid request", "limits.maxInputSize" },
        { "allowEnv as string", """{"code":"x","language":"python","limits":{"allowEnv":"yes"}}""", 400, "Invalid request", "limits.allowEnv" },
        { "network without an allow-list", """{"code":"x","language":"python","limits":{"allowNetwork":true}}""", 400, "Invalid request", "network.allow" },
        { "network allowing every host", """{"code":"x","language":"python","limits":{"allowNetwork":true},"network":{"allow":["*"]}}""", 400, "Invalid request", "network.allow[0]" },
        { "network rules without allowNetwork", """{"code":"x","language":"python","network":{"allow":["example.com"]}}""", 400, "Invalid request", "network" },
        { "network bytes huge", """{"code":"x","language":"python","limits":{"maxNetworkBytes":1e12}}""", 400, "Invalid request", "limits.maxNetworkBytes" },
        { "processes requested", """{"code":"x","language":"python","limits":{"allowProcess":true}}""", 400, "Refused by policy", "limits.allowProcess" },
        { "env without allowEnv", """{"code":"x","language":"python","env":{"A":"1"}}""", 400, "Refused by policy", "env" },
        { "env is an array", """{"code":"x","language":"python","env":["A=1"]}""", 400, "Invalid request", "env" },
        { "args is an object", """{"code":"x","language":"python","args":{"a":1}}""", 400, "Invalid request", "args" },
        { "args hold a number", """{"code":"x","language":"python","args":[1]}""", 400, "Invalid request", "args[0]" },
        { "too many args", $$"""{"code":"x","language":"python","args":[{{string.Join(",", Enumerable.Repeat("\"a\"", 21))}}]}""", 400, "Invalid request", "args" },
        { "arg too long", $$"""{"code":"x","language":"python","args":["{{new string('a', 1001)}}"]}""", 400, "Invalid request", "args[0]" },
        { "unknown field", """{"code":"x","language":"python","timeout":5}""", 400, "Invalid request", "timeout" },
        { "duplicate key", """{"code":"x","language":"python","code":"y"}""", 400, "Invalid request", "code" },
        { "deeply nested", "{\"code\":\"x\",\"language\":\"python\",\"args\":" + Nested(10_000) + "}", 400, "Invalid request", "args[0]" },
        { "deeply nested root", Nested(30_000), 400, "Invalid request", "$" },
        { "NUL in code", """{"code":"print(1)\u0000","language":"python"}""", 400, "Invalid request", "code" },
        { "input over its limit", $$"""{"limits":{"maxInputSize":1024},"code":"x","language":"python","input":"{{new string('i', 2048)}}"}""", 400, "Invalid request", "input" },
        { "working directory escapes", """{"code":"x","language":"python","workingDirectory":"../etc","limits":{"allowFileSystem":true}}""", 400, "Invalid request", "workingDirectory" },
    };

    [Theory]
    [MemberData(nameof(ExecuteCases))]
    public async Task Execute_HostileBody_Answers4xxNamingTheField(string name, string body, int status, string title, string? field)
    {
        var answer = await HttpCall.SendAsync(HttpCall.Post("/api/execute", body), app.Host.Function<ExecuteFunction>().Execute);

        Assert.True(status == answer.Status && field == answer.Text("field"), $"{name}: {answer.Status} {answer.Body}");
        Assert.Equal(title, answer.Text("title"));
        Assert.Equal(field, answer.Text("field"));
        Assert.Equal("application/problem+json; charset=utf-8", answer.ContentType);
        Assert.DoesNotContain("   at ", answer.Body);
    }

    [Theory]
    [InlineData(new byte[] { 0x7B, 0x22, 0x63, 0x6F, 0x64, 0x65, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0x22, 0x7D })]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0xC3, 0x28 })]
    public async Task Execute_InvalidUtf8_Answers400NamingTheBody(byte[] body)
    {
        var request = HttpCall.Post("/api/execute", "");
        request.Body = new MemoryStream(body);
        request.ContentLength = body.Length;

        var answer = await HttpCall.SendAsync(request, app.Host.Function<ExecuteFunction>().Execute);

        Assert.Equal(400, answer.Status);
        Assert.Equal("$", answer.Text("field"));
    }

    [Theory]
    [InlineData("""{"requests":[]}""", "requests: must hold 1 to 5 requests; it holds 0.")]
    [InlineData("""{"requests":null}""", null)]
    [InlineData("""{"requests":{}}""", null)]
    [InlineData("""{}""", null)]
    public async Task Batch_EmptyOrMistyped_Answers400NamingRequests(string body, string? detail)
    {
        var answer = await HttpCall.SendAsync(HttpCall.Post("/api/execute/batch", body), app.Host.Function<ExecuteBatchFunction>().ExecuteBatch);

        Assert.Equal(400, answer.Status);
        Assert.Equal("requests", answer.Text("field"));
        if (detail is not null)
        {
            Assert.Equal(detail, answer.Text("detail"));
        }
    }

    [Fact]
    public async Task Batch_OneOverTheMaximum_Answers400NamingTheBound()
    {
        var items = string.Join(",", Enumerable.Repeat("""{"code":"print(1)","language":"python"}""", 6));

        var answer = await HttpCall.SendAsync(HttpCall.Post("/api/execute/batch", $$"""{"requests":[{{items}}]}"""), app.Host.Function<ExecuteBatchFunction>().ExecuteBatch);

        Assert.Equal(400, answer.Status);
        Assert.Equal("requests: must hold 1 to 5 requests; it holds 6.", answer.Text("detail"));
    }

    [Fact]
    public async Task Execute_CodeOver100KB_Answers400CodeTooLarge_WhenTheBodyLimitAllowsIt()
    {
        var settings = TestHost.Settings(app.Azurite, app.Names);
        settings["CodeExecution:MaxRequestBodyBytes"] = "1048576";
        await using var host = await TestHost.StartAsync(settings);
        var body = $$"""{"code":"{{new string('#', 100 * 1024 + 1)}}","language":"python"}""";

        var answer = await HttpCall.SendAsync(HttpCall.Post("/api/execute", body), host.Function<ExecuteFunction>().Execute);

        Assert.Equal(400, answer.Status);
        Assert.Equal("Code too large", answer.Text("title"));
        Assert.Equal("code", answer.Text("field"));
        Assert.Equal("code: is 102401 bytes; the limit is 102400 bytes (100 KB).", answer.Text("detail"));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    public async Task Execute_BodyOnAnyMethod_IsReadTheSameWay(string method)
    {
        var request = HttpCall.Request(method, "/api/execute", """{"code":"print('m')","language":"python"}""");

        var answer = await HttpCall.SendAsync(request, app.Host.Function<ExecuteFunction>().Execute);

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.Equal("m\n", answer.Text("stdout"));
    }
}
