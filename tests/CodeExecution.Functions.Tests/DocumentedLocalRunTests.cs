using System.Text.Json;
using CodeExecution.Functions.Functions;
using CodeExecution.Storage;
using CodeExecution.Storage.Jobs;

namespace CodeExecution.Functions.Tests;

/// <summary>
/// The local run as <c>docs/functions.md</c> tells it: Azurite started by the documented line, the app configured by
/// <c>local.settings.sample.json</c>; health is healthy and a job runs to its end. (Azurite on its default ports, so
/// no other test may start one there.)
/// </summary>
public sealed class DocumentedLocalRunTests
{
    [Fact]
    public async Task AzuriteAsDocumented_ServesTheAppWithItsSampleSettings_AndAJobCompletes()
    {
        var line = DocumentedLine("docs/functions.md", "azurite");
        await using var azurite = await AzuriteServer.StartDocumentedAsync(line);
        await using var host = await TestHost.StartAsync(SampleSettings());

        var health = await HttpCall.SendAsync(HttpCall.Get("/api/health"), host.Function<HealthFunction>().Health);
        var jobs = host.Function<JobsFunction>();
        var accepted = await HttpCall.SendAsync(
            HttpCall.Post("/api/jobs", """{"requests":[{"language":"python","code":"print(6 * 7)"},{"language":"javascript","code":"console.log('hi')"}]}"""),
            jobs.SubmitJob);
        var id = accepted.Text("id")!;
        var store = host.Function<JobStore>();
        var item = host.Function<ProcessJobItemFunction>();
        await new QueuePump(host.Function<StorageClients>().Queues)
            .Route(StorageNames.JobsQueue, host.Function<ProcessJobFunction>().ProcessJob)
            .Route(StorageNames.JobItemsQueue, item.ProcessJobItem)
            .RunUntilAsync(async () => await store.GetJobAsync(id, CancellationToken.None) is { IsFinal: true }, TimeSpan.FromMinutes(2));
        var done = await HttpCall.SendAsync(HttpCall.Get($"/api/jobs/{id}"), request => jobs.GetJob(request, id));

        Assert.Equal(200, health.Status);
        Assert.Equal("healthy", health.Text("status"));
        Assert.Equal(202, accepted.Status);
        Assert.Equal("completed", done.Text("status"));
        var stdout = done.Json.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("result").GetProperty("stdout").GetString());
        Assert.Equal(["42\n", "hi\n"], stdout);
    }

    /// <summary>The first line of a shell block in <paramref name="document"/> that starts <c>npm run NAME</c>.</summary>
    private static string DocumentedLine(string document, string script) =>
        File.ReadLines(Path.Combine(RepositoryRoot.Path, document)).First(l => l.StartsWith($"npm run {script} ", StringComparison.Ordinal));

    /// <summary>What <c>cp local.settings.sample.json local.settings.json</c> gives the app, as the host would read it.</summary>
    private static Dictionary<string, string?> SampleSettings()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "local.settings.sample.json")));
        return sample.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(setting => setting.Name.Replace("__", ":"), setting => (string?)setting.Value.GetString());
    }
}
