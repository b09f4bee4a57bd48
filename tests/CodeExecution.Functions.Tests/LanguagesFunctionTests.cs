using CodeExecution.Functions.Functions;

namespace CodeExecution.Functions.Tests;

[Collection(FunctionsAppCollection.Name)]
public sealed class LanguagesFunctionTests(FunctionsAppFixture app)
{
    private LanguagesFunction Function => app.Host.Function<LanguagesFunction>();

    [Fact]
    public async Task ListLanguages_NamesEveryLanguageWithItsRuntime()
    {
        var answer = await HttpCall.SendAsync(HttpCall.Get("/api/languages"), Function.ListLanguages);

        Assert.Equal(200, answer.Status);
        var languages = answer.Json.GetProperty("languages").EnumerateArray().ToList();
        Assert.Equal(["python", "javascript", "typescript", "ruby", "wasm"], languages.Select(language => language.GetProperty("language").GetString()));
        var python = languages[0];
        Assert.Equal("CPython (WASI)", python.GetProperty("runtime").GetString());
        Assert.Equal("3.11.2", python.GetProperty("version").GetString());
        Assert.True(python.GetProperty("available").GetBoolean());
    }

    [Theory]
    [InlineData("python")]
    [InlineData("PY")]
    public async Task GetLanguage_KnownNameOrAlias_Answers200(string name)
    {
        var answer = await HttpCall.SendAsync(HttpCall.Get($"/api/languages/{name}"), request => Function.GetLanguage(request, name));

        Assert.Equal(200, answer.Status);
        Assert.Equal("python", answer.Text("language"));
        Assert.True(answer.Json.GetProperty("available").GetBoolean());
    }

    [Fact]
    public async Task GetLanguage_Unknown_Answers404()
    {
        var answer = await HttpCall.SendAsync(HttpCall.Get("/api/languages/cobol"), request => Function.GetLanguage(request, "cobol"));

        ExecuteFunctionTests.AssertProblem(answer, 404, "Unknown language", field: "language", code: "UNSUPPORTED_LANGUAGE");
        Assert.Equal("Unsupported language 'cobol'. Supported languages: python, javascript, typescript, ruby, wasm.", answer.Text("detail"));
        Assert.Equal("/api/languages/cobol", answer.Text("instance"));
    }
}
