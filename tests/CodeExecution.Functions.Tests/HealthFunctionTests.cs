using CodeExecution.Functions.Functions;
using CodeExecution.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CodeExecution.Functions.Tests;

[Collection(FunctionsAppCollection.Name)]
public sealed class HealthFunctionTests(FunctionsAppFixture app)
{
    [Fact]
    public async Task Health_ReportsRuntimesWithTheirSource_AndStorage()
    {
        var answer = await HttpCall.SendAsync(HttpCall.Get("/api/health"), app.Host.Function<HealthFunction>().Health);

        Assert.Equal(200, answer.Status);
        var json = answer.Json;
        Assert.Equal("healthy", json.GetProperty("status").GetString());
        Assert.True(json.GetProperty("runtimesLoaded").GetBoolean());
        Assert.Equal(2, json.GetProperty("maxConcurrency").GetInt32());
        var python = json.GetProperty("runtimes").EnumerateArray().Single(runtime => runtime.GetProperty("language").GetString() == "python");
        Assert.True(python.GetProperty("available").GetBoolean());
        Assert.Matches("^(compiled|precompiled): ", python.GetProperty("source").GetString());
        Assert.Equal("snapshot", python.GetProperty("start").GetString());
        Assert.Equal($"blob http://127.0.0.1:{app.Azurite.BlobPort}/devstoreaccount1/{app.Names.Container}", json.GetProperty("moduleStore").GetString());
        var storage = json.GetProperty("storage");
        Assert.True(storage.GetProperty("reachable").GetBoolean());
        Assert.True(storage.GetProperty("blobReachable").GetBoolean());
        Assert.True(storage.GetProperty("tableReachable").GetBoolean());
        Assert.Equal("connection string (devstoreaccount1)", storage.GetProperty("connection").GetString());
        Assert.DoesNotContain(AzuriteServer.AccountKey, answer.Body);
    }

    [Fact]
    public async Task Health_PythonSnapshotThatCannotBeBaked_ReportsPythonStartingCold_AndStaysHealthy()
    {
        using var runtimes = new RuntimesFolder();
        runtimes.BreakPythonSnapshot();
        var settings = TestHost.Settings(app.Azurite, app.Names);
        settings["CodeExecution:RuntimesDirectory"] = runtimes.Directory;
        await using var host = await TestHost.StartAsync(settings);

        var answer = await HttpCall.SendAsync(HttpCall.Get("/api/health"), host.Function<HealthFunction>().Health);

        Assert.Equal(200, answer.Status);
        Assert.Equal("healthy", answer.Json.GetProperty("status").GetString());
        var runtimeReports = answer.Json.GetProperty("runtimes").EnumerateArray().ToDictionary(runtime => runtime.GetProperty("language").GetString()!);
        var python = runtimeReports["python"];
        Assert.True(python.GetProperty("available").GetBoolean());
        Assert.Equal("cold", python.GetProperty("start").GetString());
        Assert.StartsWith("The start-up snapshot could not be baked, so every execution starts cold: ", python.GetProperty("reason").GetString());
        Assert.Equal("snapshot", runtimeReports["javascript"].GetProperty("start").GetString());
        Assert.Equal("snapshot", runtimeReports["typescript"].GetProperty("start").GetString());
    }

    [Fact]
    public async Task StorageProbe_NothingListening_ReportsUnreachableWithinTheTimeout()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = new AzuriteServerConnection(1).ConnectionString,
        }).Build();
        var probe = new StorageHealthProbe(
            StorageClients.FromConfiguration(configuration, StorageNames.Connection),
            Options.Create(new StorageOptions { HealthTimeoutMs = 500 }));

        var started = DateTime.UtcNow;
        var health = await probe.CheckAsync(CancellationToken.None);

        Assert.False(health.Reachable);
        Assert.False(health.BlobReachable);
        Assert.False(health.TableReachable);
        Assert.NotNull(health.Error);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
    }

    private sealed record AzuriteServerConnection(int Port)
    {
        public string ConnectionString =>
            $"DefaultEndpointsProtocol=http;AccountName={AzuriteServer.AccountName};AccountKey={AzuriteServer.AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{Port}/{AzuriteServer.AccountName};TableEndpoint=http://127.0.0.1:{Port}/{AzuriteServer.AccountName};";
    }
}
