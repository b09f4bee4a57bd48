using Microsoft.Extensions.DependencyInjection;
using Azure.Data.Tables;
using CodeExecution.Functions.Functions;
using CodeExecution.Storage;
using CodeExecution.Storage.Jobs;

namespace CodeExecution.Functions.Tests;

/// <summary>Storage that goes away: executions still answer, and every record reaches the table once storage returns.</summary>
public sealed class StorageFaultTests
{
    private const string Hello = """{"code":"print('during the outage')","language":"python"}""";

    /// <summary>
    /// TestHost's settings with the production default wait for a sandbox: these are outage tests, not queue tests, and a
    /// sandbox thread slow to pick up work on a loaded machine must not turn into a 429 (CI saw one at 400 ms).
    /// </summary>
    private static Dictionary<string, string?> PatientSettings(AzuriteServer azurite, StorageNamesForRun names)
    {
        var settings = TestHost.Settings(azurite, names);
        settings.Remove("CodeExecution:MaxQueueWaitMs");
        return settings;
    }

    [Fact]
    public async Task RecordWrites_FailingDuringAnOutage_AreRetriedUntilStorageReturns()
    {
        var azurite = await AzuriteServer.StartAsync();
        var names = StorageNamesForRun.Unique();
        var settings = PatientSettings(azurite, names);
        settings["Storage:RecorderAttempts"] = "2";
        await using var host = await TestHost.StartAsync(settings);
        try
        {
            azurite = await StopAsync(azurite);
            for (var i = 0; i < 3; i++)
            {
                var answer = await HttpCall.SendAsync(HttpCall.Post("/api/execute", Hello), host.Function<ExecuteFunction>().Execute);
                Assert.Equal(200, answer.Status);
                Assert.Equal("during the outage\n", answer.Text("stdout"));
            }

            // Storage comes back empty (in-memory Azurite): the recorder re-creates its tables and writes every record.
            azurite = await azurite.RestartAsync();
            var records = new TableClient(azurite.ConnectionString, names.ExecutionsTable);
            var count = await WaitForAsync(async () => await CountAsync(records), expected: 3);

            Assert.Equal(3, count);
            Assert.Equal(0, host.Services.GetRequiredService<TableExecutionRecorder>().Lost);
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    [Fact]
    public async Task StartUp_WithStorageDown_StillExecutes_AndHealthSaysStorageIsUnreachable()
    {
        var azurite = await AzuriteServer.StartAsync();
        var settings = PatientSettings(azurite, StorageNamesForRun.Unique());
        azurite = await StopAsync(azurite);
        try
        {
            await using var host = await TestHost.StartAsync(settings);

            var execute = await HttpCall.SendAsync(HttpCall.Post("/api/execute", Hello), host.Function<ExecuteFunction>().Execute);
            var health = await HttpCall.SendAsync(HttpCall.Get("/api/health"), host.Function<HealthFunction>().Health);

            Assert.Equal(200, execute.Status);
            Assert.Equal("during the outage\n", execute.Text("stdout"));
            var stats = await HttpCall.SendAsync(HttpCall.Get("/api/stats"), host.Function<StatisticsFunction>().Statistics);

            Assert.Equal(503, health.Status);
            Assert.Equal("degraded", health.Text("status"));
            Assert.Equal(503, stats.Status);
            Assert.Equal("Storage unavailable", stats.Text("title"));
            Assert.Equal("The service's storage could not be reached; nothing was lost, try again shortly.", stats.Text("detail"));
            Assert.Equal("2", stats.Headers.RetryAfter.ToString());
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    [Fact]
    public async Task Job_WithStorageStoppedMidway_CompletesOnceStorageIsBack_WithEveryResult()
    {
        var azurite = await AzuriteServer.StartAsync(persistent: true);
        var settings = PatientSettings(azurite, StorageNamesForRun.Unique());
        settings["CodeExecution:MaxRequestBodyBytes"] = "1048576";
        settings["Jobs:CallbackSigningKey"] = "outage-test-key-0123456789";
        // A run lease left behind by an attempt that failed during the outage ends soon, so the item runs again soon.
        settings["Jobs:ItemLeaseSeconds"] = "5";
        try
        {
            await using var host = await TestHost.StartAsync(settings);
            var requests = Enumerable.Range(0, 30).Select(i => $$"""{"code":"console.log({{i}} * 2)","language":"javascript"}""");
            var accepted = await HttpCall.SendAsync(HttpCall.Post("/api/jobs", $"{{\"requests\":[{string.Join(",", requests)}]}}"), host.Function<JobsFunction>().SubmitJob);
            var id = accepted.Text("id")!;
            var store = host.Function<JobStore>();
            var job = host.Function<ProcessJobFunction>();
            var item = host.Function<ProcessJobItemFunction>();
            var pump = new QueuePump(host.Function<StorageClients>().Queues, maxDequeueCount: 5, concurrency: 2, visibilityTimeout: TimeSpan.FromSeconds(5))
                .Route(StorageNames.JobsQueue, job.ProcessJob)
                .Route(StorageNames.JobItemsQueue, item.ProcessJobItem)
                .Route(ProcessJobFunction.PoisonQueue, job.ProcessJobPoison)
                .Route(ProcessJobItemFunction.PoisonQueue, item.ProcessJobItemPoison);
            var running = pump.RunUntilAsync(async () => await TryGetJobAsync(store, id) is { IsFinal: true }, TimeSpan.FromMinutes(2));

            // Some items done, then storage goes away for a while, then comes back with everything it held.
            await WaitForAsync(async () => (await TryGetJobAsync(store, id))?.Completed ?? 0, expected: 5);
            await azurite.StopAsync();
            await Task.Delay(TimeSpan.FromSeconds(3));
            azurite = await azurite.RestartAsync();
            try
            {
                await running;
            }
            catch (OperationCanceledException)
            {
                var state = await TryGetJobAsync(store, id);
                throw new Xunit.Sdk.XunitException($"job never finished: {state}; pump processed {pump.Processed}, failed {pump.Failed}; logs: {string.Join("\n", host.Logs.Lines.Where(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).TakeLast(12).Select(l => $"{l.Category}: {l.Message} {l.Exception?.GetType().Name} {l.Exception?.Message.Split((char)10)[0]}"))}");
            }
            var done = await HttpCall.SendAsync(HttpCall.Get($"/api/jobs/{id}"), request => host.Function<JobsFunction>().GetJob(request, id));

            Assert.Equal(202, accepted.Status);
            Assert.Equal("completed", done.Text("status"));
            Assert.Equal(30, done.Json.GetProperty("completed").GetInt32());
            Assert.Equal(0, done.Json.GetProperty("failed").GetInt32());
            var results = done.Json.GetProperty("results").EnumerateArray().ToList();
            Assert.Equal(Enumerable.Range(0, 30), results.Select(r => r.GetProperty("index").GetInt32()));
            Assert.Equal(Enumerable.Range(0, 30).Select(i => $"{i * 2}\n"), results.Select(r => r.GetProperty("result").GetProperty("stdout").GetString()));
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    private static async Task<JobState?> TryGetJobAsync(JobStore store, string id)
    {
        try
        {
            return await store.GetJobAsync(id, CancellationToken.None);
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            return null;
        }
    }

    /// <summary>Stops Azurite, keeping the object so it can be restarted on the same ports.</summary>
    private static async Task<AzuriteServer> StopAsync(AzuriteServer azurite)
    {
        await azurite.StopAsync();
        return azurite;
    }

    private static async Task<int> CountAsync(TableClient table)
    {
        try
        {
            return await table.QueryAsync<TableEntity>(select: ["RowKey"]).CountAsync();
        }
        catch (Azure.RequestFailedException)
        {
            return 0;
        }
    }

    /// <summary>Polls until the count reaches <paramref name="expected"/> or a generous minute passes (the test's own guard, not a timing claim).</summary>
    private static async Task<int> WaitForAsync(Func<Task<int>> count, int expected)
    {
        var value = 0;
        for (var attempt = 0; attempt < 600 && (value = await count()) < expected; attempt++)
        {
            await Task.Delay(100);
        }

        return value;
    }
}
