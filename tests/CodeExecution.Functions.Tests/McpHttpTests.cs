using CodeExecution.Functions.Testing;
using ModelContextProtocol.Client;

namespace CodeExecution.Functions.Tests;

/// <summary>
/// <c>/api/mcp</c> as a remote AI agent meets it: the Model Context Protocol SDK's own client over streamable HTTP,
/// against the app's functions on a real HTTP server.
/// </summary>
public sealed class McpHttpTests
{
    [Fact]
    public async Task SdkClient_ListsTheTools_AndRunsCodeThroughTheAppsQueue()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        await using var host = await FunctionsWebHost.StartAsync(TestHost.Settings(azurite, StorageNamesForRun.Unique()));
        await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(host.BaseAddress, "api/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
        }));

        var tools = await client.ListToolsAsync();
        var ran = await client.CallToolAsync("run_code", new Dictionary<string, object?> { ["language"] = "typescript", ["code"] = "const n: number = 6 * 7; console.log(n)" });
        var failed = await client.CallToolAsync("run_code", new Dictionary<string, object?> { ["language"] = "python", ["code"] = "raise SystemExit(3)" });

        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        http.DefaultRequestHeaders.Accept.ParseAdd("text/event-stream");
        var stream = await http.GetAsync("api/mcp");
        var end = await http.DeleteAsync("api/mcp");

        Assert.Equal(405, (int)stream.StatusCode);
        Assert.Equal(405, (int)end.StatusCode);
        Assert.Equal(["languages", "run_code"], tools.Select(t => t.Name).Order());
        Assert.NotEqual(true, ran.IsError);
        Assert.Equal("42\n", ran.StructuredContent!.Value.GetProperty("stdout").GetString());
        Assert.Equal("success", ran.StructuredContent.Value.GetProperty("verdict").GetString());
        Assert.Equal(3, failed.StructuredContent!.Value.GetProperty("exitCode").GetInt32());
        Assert.Equal("failure", failed.StructuredContent.Value.GetProperty("verdict").GetString());
        Assert.Equal("Process exited with code 3.", failed.StructuredContent.Value.GetProperty("error").GetString());
    }
}
