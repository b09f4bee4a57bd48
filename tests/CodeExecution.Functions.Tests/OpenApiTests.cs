using System.Text.Json;
using System.Text.Json.Nodes;
using CodeExecution.Functions.Functions;
using CodeExecution.Functions.Http;
using Json.Schema;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace CodeExecution.Functions.Tests;

/// <summary>
/// <c>GET /api/openapi.json</c> is a valid OpenAPI document that lists exactly the routes the app declares, and the
/// API's real answers are valid against the schemas it gives for them.
/// </summary>
[Collection(FunctionsAppCollection.Name)]
public sealed class OpenApiTests(FunctionsAppFixture app)
{
    [Fact]
    public async Task Served_AnonymouslyAsJson_AndReadsAsOpenApi31WithoutErrors()
    {
        var answer = await HttpCall.SendAsync(HttpCall.Get("/api/openapi.json"), app.Host.Function<OpenApiFunction>().OpenApi);

        Assert.Equal(200, answer.Status);
        Assert.Equal("application/json; charset=utf-8", answer.ContentType);
        var read = OpenApiDocument.Parse(answer.Body, "json", new OpenApiReaderSettings());
        Assert.Empty(read.Diagnostic!.Errors);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, read.Diagnostic.SpecificationVersion);
        Assert.Equal(ApiDescription.Operations.Select(o => o.Path).Distinct().Order(), read.Document!.Paths.Keys.Order());
    }

    [Fact]
    public void Routes_AreExactlyTheHttpTriggersTheAppDeclares()
    {
        var declared = FunctionsMetadataTests.Functions()
            .Select(f => f.GetProperty("bindings").EnumerateArray().First())
            .Where(b => b.GetProperty("type").GetString() == "httpTrigger")
            .SelectMany(b => b.GetProperty("methods").EnumerateArray().SelectMany(method =>
                Paths(b.GetProperty("route").GetString()!).Select(path => $"{method.GetString()} {path} {b.GetProperty("authLevel").GetString()}")))
            .Order();

        var described = ApiDescription.Operations.Select(o => $"{o.Method} {o.Path} {(o.NeedsKey ? "Function" : "Anonymous")}").Order();

        Assert.Equal(declared, described);
    }

    /// <summary>The OpenAPI paths of a route: one with its last segment and one without, when that segment is optional (<c>{file?}</c>).</summary>
    private static IEnumerable<string> Paths(string route) =>
        route.EndsWith("?}", StringComparison.Ordinal)
            ? [$"/api/{route[..route.LastIndexOf('/')]}", $"/api/{route.Replace("?}", "}", StringComparison.Ordinal)}"]
            : [$"/api/{route}"];

    [Fact]
    public void Schemas_AreSelfContained()
    {
        foreach (var (name, schema) in ApiDescription.Schemas())
        {
            // A schema of true (anything) is what the exporter gives for a type behind a converter it cannot see into.
            Assert.DoesNotContain(":true", schema!.ToJsonString().Replace("\"additionalProperties\":true", ""));
            var refs = schema!.ToJsonString().Split("\"$ref\":\"").Skip(1).Select(rest => rest[..rest.IndexOf('"')]);
            Assert.All(refs, target => Assert.StartsWith("#/components/schemas/", target));
            // Each points at a schema in the document as served.
            var document = JsonNode.Parse(ApiDescription.Json)!;
            Assert.All(refs, target => Assert.True(
                target[2..].Split('/').Aggregate((JsonNode?)document, (node, segment) => node?[segment]) is JsonObject, $"{name}: {target} points at nothing"));
            Assert.True(schema.GetValueKind() == JsonValueKind.Object, $"{name} is not an object schema");
        }
    }

    [Fact]
    public void Enums_AreDescribedByTheNamesTheyAreReadAndWrittenAs()
    {
        var schemas = ApiDescription.Schemas();

        Assert.Equal("""{"type":"string","enum":["exact","trimmed","tokens","float","checker"]}""", schemas["GradingRequest"]!["properties"]!["compare"]!["properties"]!["mode"]!.ToJsonString());
        Assert.Equal("""{"type":"string","enum":["accepted","wrongAnswer","timeLimit","memoryLimit","outputLimit","runtimeError","checkerError","skipped"]}""", schemas["TestResult"]!["properties"]!["verdict"]!.ToJsonString());
        Assert.Contains("""{"type":["string","null"],"enum":["utf8","base64",null]}""", schemas["ExecutionRequest"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_AreValidAgainstTheirSchemas()
    {
        var execute = app.Host.Function<ExecuteFunction>();
        var batch = app.Host.Function<ExecuteBatchFunction>();
        var languages = app.Host.Function<LanguagesFunction>();
        var jobs = app.Host.Function<JobsFunction>();
        var answers = new List<(string Path, string Method, HttpAnswer Answer)>
        {
            ("/api/execute", "post", await HttpCall.SendAsync(HttpCall.Post("/api/execute",
                """{"language":"python","entry":"main.py","files":[{"path":"main.py","content":"open('out.bin','wb').write(bytes([255]))\nprint('hi')"}]}"""), execute.Execute)),
            ("/api/execute", "post", await HttpCall.SendAsync(HttpCall.Post("/api/execute", """{"language":"javascript","code":"throw new Error('x')"}"""), execute.Execute)),
            ("/api/execute", "post", await HttpCall.SendAsync(HttpCall.Post("/api/execute", """{"language":"python","code":"print(1)","limits":{"timeoutMs":1}}"""), execute.Execute)),
            ("/api/execute", "post", await HttpCall.SendAsync(HttpCall.Post("/api/execute", "{}", "text/plain"), execute.Execute)),
            ("/api/execute", "post", await HttpCall.SendAsync(HttpCall.Post("/api/execute",
                """{"language":"javascript","code":"fetch('http://127.0.0.1:9/').catch(e => console.log(e.cause.message))","limits":{"allowNetwork":true},"network":{"allow":["127.0.0.1"]}}"""), execute.Execute)),
            ("/api/execute/batch", "post", await HttpCall.SendAsync(HttpCall.Post("/api/execute/batch",
                """{"requests":[{"language":"typescript","code":"const n: number = 1; console.log(n)"},{"language":"cobol","code":"x"}]}"""), batch.ExecuteBatch)),
            ("/api/grade", "post", await HttpCall.SendAsync(HttpCall.Post("/api/grade",
                """{"language":"python","code":"print(input())","tests":[{"input":"a","expectedOutput":"a"},{"input":"b","expectedOutput":"c","files":[{"path":"x.txt","content":"x"}]}]}"""),
                app.Host.Function<GradeFunction>().Grade)),
            ("/api/languages", "get", await HttpCall.SendAsync(HttpCall.Get("/api/languages"), languages.ListLanguages)),
            ("/api/languages/{language}", "get", await HttpCall.SendAsync(HttpCall.Get("/api/languages/python"), request => languages.GetLanguage(request, "python"))),
            ("/api/languages/{language}", "get", await HttpCall.SendAsync(HttpCall.Get("/api/languages/cobol"), request => languages.GetLanguage(request, "cobol"))),
            ("/api/health", "get", await HttpCall.SendAsync(HttpCall.Get("/api/health"), app.Host.Function<HealthFunction>().Health)),
            ("/api/stats", "get", await HttpCall.SendAsync(HttpCall.Get("/api/stats"), app.Host.Function<StatisticsFunction>().Statistics)),
            ("/api/jobs", "post", await HttpCall.SendAsync(HttpCall.Post("/api/jobs", """{"requests":[{"language":"python","code":"print(1)"}]}"""), jobs.SubmitJob)),
            ("/api/jobs/{id}", "get", await HttpCall.SendAsync(HttpCall.Get("/api/jobs/nope"), request => jobs.GetJob(request, "nope"))),
        };
        var accepted = answers.Single(a => a.Path == "/api/jobs").Answer.Text("id")!;
        answers.Add(("/api/jobs/{id}", "get", await HttpCall.SendAsync(HttpCall.Get($"/api/jobs/{accepted}"), request => jobs.GetJob(request, accepted))));

        var document = JsonNode.Parse(ApiDescription.Json)!;
        var jobAccepted = JsonSchema.FromText(document["components"]!["schemas"]!["JobAccepted"]!.ToJsonString());
        Assert.False(jobAccepted.Evaluate(JsonNode.Parse(answers[0].Answer.Body)).IsValid, "the checks below could not fail");
        Assert.Equal([200, 200, 400, 415, 200, 200, 200, 200, 200, 404, 200, 200, 202, 404, 200], answers.Select(a => a.Answer.Status));
        var fetched = answers[4].Answer.Json;
        Assert.Equal("127.0.0.1 resolves only to local, private or metadata addresses (127.0.0.1); programs reach public hosts only.\n", fetched.GetProperty("stdout").GetString());
        Assert.Equal(1, fetched.GetProperty("metadata").GetProperty("networkRequests").GetInt32());
        Assert.Equal("GET", fetched.GetProperty("network")[0].GetProperty("method").GetString());
        foreach (var (path, method, answer) in answers)
        {
            var response = document["paths"]![path]![method]!["responses"]![answer.Status.ToString()];
            Assert.True(response is not null, $"{method} {path} answered {answer.Status}, which the description does not list");
            var (contentType, content) = response!["content"]!.AsObject().Single(c => answer.ContentType.StartsWith(c.Key, StringComparison.Ordinal));
            var name = ((string)content!["schema"]!["$ref"]!).Split('/')[^1];
            var schema = JsonSchema.FromText(document["components"]!["schemas"]![name]!.ToJsonString());
            var result = schema.Evaluate(JsonNode.Parse(answer.Body), new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(result.IsValid, $"{method} {path} {answer.Status} is not a valid {name}: "
                + string.Join("; ", result.Details.Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")))
                + $"\n{answer.Body}");
        }
    }
}
