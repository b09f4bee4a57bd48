using Microsoft.Extensions.DependencyInjection;
using Azure.Data.Tables;
using CodeExecution.Functions.Functions;
using CodeExecution.Storage;

namespace CodeExecution.Functions.Tests;

/// <summary>Storage that goes away: executions still answer, and every record reaches the table once storage returns.</summary>
public sealed class StorageFaultTests
{
    private const string Hello = """{"code":"print('during the outage')","language":"python"}""";

    [Fact]
    public async Task RecordWrites_FailingDuringAnOutage_AreRetriedUntilStorageReturns()
    {
        var azurite = await AzuriteServer.StartAsync();
        var names = StorageNamesForRun.Unique();
        var settings = TestHost.Settings(azurite, names);
        settings["Storage:RecorderAttempts"] = "2";
        await using var host = await TestHost.StartAsync(settings);
        try
        {
            azurite = await StopAsync(azurite);
            for (var i = 0; i < 3; i++)
            {
                var answer = await HttpCall.SendAsync(HttpCall.Post("/api/execute", Hello), host.Function<ExecuteFunction>().RunAsync);
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
        var settings = TestHost.Settings(azurite, StorageNamesForRun.Unique());
        azurite = await StopAsync(azurite);
        try
        {
            await using var host = await TestHost.StartAsync(settings);

            var execute = await HttpCall.SendAsync(HttpCall.Post("/api/execute", Hello), host.Function<ExecuteFunction>().RunAsync);
            var health = await HttpCall.SendAsync(HttpCall.Get("/api/health"), host.Function<HealthFunction>().RunAsync);

            Assert.Equal(200, execute.Status);
            Assert.Equal("during the outage\n", execute.Text("stdout"));
            Assert.Equal(503, health.Status);
            Assert.Equal("degraded", health.Text("status"));
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    /// <summary>Stops Azurite, keeping the object so it can be restarted on the same ports.</summary>
    private static async Task<AzuriteServer> StopAsync(AzuriteServer azurite)
    {
        await azurite.DisposeAsync();
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
