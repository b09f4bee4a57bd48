using System.Text.Json;

namespace CodeExecution.Functions.Tests;

/// <summary>
/// The <c>functions.metadata</c> the Functions SDK generates is what <c>func start</c> and Azure index; it stands in
/// for running the host (Core Tools cannot be installed here).
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly string MetadataPath = Path.Combine(
        RepositoryRoot.Path, "src", "CodeExecution.Functions", "bin", RepositoryRoot.BuildConfiguration, "net10.0", "functions.metadata");

    [Theory]
    [InlineData("Execute", "execute", "post", "Function")]
    [InlineData("ExecuteBatch", "execute/batch", "post", "Function")]
    [InlineData("Grade", "grade", "post", "Function")]
    [InlineData("ListLanguages", "languages", "get", "Anonymous")]
    [InlineData("GetLanguage", "languages/{language}", "get", "Anonymous")]
    [InlineData("Statistics", "stats", "get", "Function")]
    [InlineData("Health", "health", "get", "Anonymous")]
    [InlineData("SubmitJob", "jobs", "post", "Function")]
    [InlineData("GetJob", "jobs/{id}", "get", "Function")]
    [InlineData("GetJobResult", "jobs/{id}/results/{index}", "get", "Function")]
    [InlineData("OpenApi", "openapi.json", "get", "Anonymous")]
    [InlineData("Playground", "playground/{file?}", "get", "Anonymous")]
    public void Metadata_DeclaresRouteMethodAndAuthLevel(string name, string route, string method, string authLevel)
    {
        var function = Functions().Single(f => f.GetProperty("name").GetString() == name);
        var trigger = function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("direction").GetString() == "In");

        Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(authLevel, trigger.GetProperty("authLevel").GetString());
        Assert.Equal("dotnet-isolated", function.GetProperty("language").GetString());
    }

    [Fact]
    public void Metadata_DeclaresTheMcpRouteWithAKey_ForEachMethodOfTheTransport()
    {
        var trigger = Functions().Single(f => f.GetProperty("name").GetString() == "Mcp").GetProperty("bindings").EnumerateArray().First();

        Assert.Equal("mcp", trigger.GetProperty("route").GetString());
        Assert.Equal(["post", "get", "delete"], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("Function", trigger.GetProperty("authLevel").GetString());
    }

    [Theory]
    [InlineData("ProcessJob", "execution-jobs")]
    [InlineData("ProcessJobPoison", "execution-jobs-poison")]
    [InlineData("ProcessJobItem", "execution-job-items")]
    [InlineData("ProcessJobItemPoison", "execution-job-items-poison")]
    public void Metadata_DeclaresQueueTriggerWithQueueAndConnection(string name, string queue)
    {
        var function = Functions().Single(f => f.GetProperty("name").GetString() == name);
        var trigger = function.GetProperty("bindings").EnumerateArray().Single();

        Assert.Equal("queueTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("In", trigger.GetProperty("direction").GetString());
        Assert.Equal(queue, trigger.GetProperty("queueName").GetString());
        Assert.Equal("AzureWebJobsStorage", trigger.GetProperty("connection").GetString());
    }

    [Fact]
    public void HostJson_SetsTheQueueRetriesAndEncoding()
    {
        var queues = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "host.json"))).RootElement.GetProperty("extensions").GetProperty("queues");

        Assert.Equal(5, queues.GetProperty("maxDequeueCount").GetInt32());
        Assert.Equal("base64", queues.GetProperty("messageEncoding").GetString());
    }

    [Fact]
    public void Metadata_DeclaresNoOtherFunctions() =>
        Assert.Equal(
            ["Execute", "ExecuteBatch", "GetJob", "GetJobResult", "GetLanguage", "Grade", "Health", "ListLanguages", "Mcp", "OpenApi", "Playground", "ProcessJob", "ProcessJobItem", "ProcessJobItemPoison", "ProcessJobPoison", "Statistics", "SubmitJob"],
            Functions().Select(f => f.GetProperty("name").GetString()).Order());

    [Fact]
    public void BuildOutput_HoldsHostJsonFromTheRepositoryRoot()
    {
        var output = Path.GetDirectoryName(MetadataPath)!;

        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "host.json")), File.ReadAllText(Path.Combine(output, "host.json")));
        Assert.True(File.Exists(Path.Combine(output, "runtimes", "manifest.json")));
    }

    internal static List<JsonElement> Functions()
    {
        Assert.True(File.Exists(MetadataPath), $"{MetadataPath} is missing: build the Functions project.");
        return JsonDocument.Parse(File.ReadAllText(MetadataPath)).RootElement.EnumerateArray().ToList();
    }
}
