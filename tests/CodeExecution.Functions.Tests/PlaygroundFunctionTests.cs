using CodeExecution.Functions.Functions;

namespace CodeExecution.Functions.Tests;

/// <summary><c>GET /api/playground[/{file}]</c>: the page and its two files, each with its type and policy; nothing else.</summary>
[Collection(FunctionsAppCollection.Name)]
public sealed class PlaygroundFunctionTests(FunctionsAppFixture app)
{
    private PlaygroundFunction Function => app.Host.Function<PlaygroundFunction>();

    [Theory]
    [InlineData(null, "text/html; charset=utf-8", "<!doctype html>")]
    [InlineData("playground.js", "text/javascript; charset=utf-8", "// The playground:")]
    [InlineData("playground.css", "text/css; charset=utf-8", ":root {")]
    public async Task ServesEachFile_WithItsTypeAndPolicy(string? file, string contentType, string start)
    {
        var answer = await HttpCall.SendAsync(HttpCall.Get($"/api/playground/{file}"), request => Function.Playground(request, file));

        Assert.Equal(200, answer.Status);
        Assert.Equal(contentType, answer.ContentType);
        Assert.StartsWith(start, answer.Body, StringComparison.Ordinal);
        Assert.Equal(
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            answer.Headers.ContentSecurityPolicy.ToString());
        Assert.Equal("nosniff", answer.Headers.XContentTypeOptions.ToString());
        Assert.Equal("no-referrer", answer.Headers["Referrer-Policy"].ToString());
    }

    [Fact]
    public async Task UnknownFile_Answers404_NamingTheFiles()
    {
        var answer = await HttpCall.SendAsync(HttpCall.Get("/api/playground/secrets.json"), request => Function.Playground(request, "secrets.json"));

        Assert.Equal(404, answer.Status);
        Assert.Equal("file", answer.Text("field"));
        Assert.Equal("The playground has no file secrets.json; it has playground.css, playground.html, playground.js.", answer.Text("detail"));
    }
}
