using Azure.Data.Tables;
using CodeExecution.Core.Model;
using CodeExecution.Core.Statistics;
using CodeExecution.Functions.Functions;
using CodeExecution.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CodeExecution.Functions.Tests;

[Collection(FunctionsAppCollection.Name)]
public sealed class StatisticsAndRecordsTests(FunctionsAppFixture app)
{
    [Fact]
    public async Task Execute_WritesARecordToTableStorage_WithoutCodeOrOutput()
    {
        const string Code = "import sys\nprint('secret output')\nsys.exit(42)";
        var answer = await HttpCall.SendAsync(
            HttpCall.Post("/api/execute", $$"""{"code":{{System.Text.Json.JsonSerializer.Serialize(Code)}},"language":"python","input":"in"}"""),
            app.Host.Function<ExecuteFunction>().Execute);
        Assert.Equal(200, answer.Status);

        var table = new TableClient(app.Azurite.ConnectionString, app.Names.ExecutionsTable);
        var record = await EventuallyAsync(async () =>
        {
            await foreach (var entity in table.QueryAsync<TableEntity>(entity => entity.PartitionKey == ExecutionRecordEntity.Day(DateTimeOffset.UtcNow)))
            {
                if (entity.GetInt32("ExitCode") == 42)
                {
                    return entity;
                }
            }

            return null;
        });

        Assert.Equal("python", record.GetString("Language"));
        Assert.Equal("failure", record.GetString("Outcome"));
        Assert.False(record.GetBoolean("Success"));
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(Code), record.GetInt32("CodeBytes"));
        Assert.Equal(2, record.GetInt32("InputBytes"));
        Assert.Equal("secret output\n".Length, record.GetInt32("OutputBytes"));
        Assert.True(record.GetDouble("DurationMs") > 0);
        Assert.True(record.GetInt64("MemoryUsed") > 0);
        Assert.False(record.GetBoolean("TimeoutHit"));
        Assert.False(record.GetBoolean("MemoryLimitHit"));
        Assert.Equal(32, record.RowKey.Length);
        Assert.DoesNotContain(record, pair => pair.Value is string text && (text.Contains("secret", StringComparison.Ordinal) || text.Contains("sys.exit", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Stats_AfterExecutions_CountsThemPerLanguage()
    {
        var execute = app.Host.Function<ExecuteFunction>();
        Assert.Equal(200, (await HttpCall.SendAsync(HttpCall.Post("/api/execute", """{"code":"print(1)","language":"python"}"""), execute.Execute)).Status);

        var stats = await EventuallyAsync(async () =>
        {
            var answer = await HttpCall.SendAsync(HttpCall.Get("/api/stats"), app.Host.Function<StatisticsFunction>().Statistics);
            Assert.Equal(200, answer.Status);
            return answer.Json.GetProperty("totalExecutions").GetInt64() >= 1 ? answer : null;
        });

        var json = stats.Json;
        var python = json.GetProperty("byLanguage").GetProperty("python");
        Assert.True(python.GetProperty("totalExecutions").GetInt64() >= 1);
        Assert.Equal(
            json.GetProperty("totalExecutions").GetInt64(),
            json.GetProperty("successfulExecutions").GetInt64() + json.GetProperty("failedExecutions").GetInt64());
        Assert.True(json.GetProperty("averageExecutionTime").GetDouble() > 0);
        Assert.True(json.GetProperty("p95ExecutionTime").GetDouble() > 0);
        Assert.False(json.TryGetProperty("since", out _));
    }

    [Fact]
    public async Task Stats_SinceTomorrow_CountsNothing()
    {
        var tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd");
        var answer = await HttpCall.SendAsync(HttpCall.Get("/api/stats", $"?since={tomorrow}"), app.Host.Function<StatisticsFunction>().Statistics);

        Assert.Equal(200, answer.Status);
        Assert.Equal(tomorrow, answer.Text("since"));
        Assert.Equal(0, answer.Json.GetProperty("totalExecutions").GetInt64());
    }

    [Fact]
    public async Task Stats_SinceNotADate_Answers400NamingSince()
    {
        var answer = await HttpCall.SendAsync(HttpCall.Get("/api/stats", "?since=yesterday"), app.Host.Function<StatisticsFunction>().Statistics);

        ExecuteFunctionTests.AssertProblem(answer, 400, "Invalid request", field: "since", code: "INVALID_REQUEST");
        Assert.Equal("since: must be a date (yyyy-MM-dd) or an ISO 8601 time; it was 'yesterday'.", answer.Text("detail"));
    }

    [Fact]
    public async Task Recorder_TwoInstancesAtOnce_AggregatesAreExact()
    {
        var names = StorageNamesForRun.Unique();
        var options = Options.Create(new StorageOptions { ExecutionsTable = names.ExecutionsTable, StatisticsTable = names.StatisticsTable, RecorderBatchSize = 7 });
        var clients = StorageClients.FromConfiguration(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = app.Azurite.ConnectionString }).Build(),
            StorageNames.Connection);
        var logs = new LogCapture();
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(logs));
        var first = new TableExecutionRecorder(clients, options, loggers.CreateLogger<TableExecutionRecorder>());
        var second = new TableExecutionRecorder(clients, options, loggers.CreateLogger<TableExecutionRecorder>());
        await first.StartAsync(CancellationToken.None);
        await second.StartAsync(CancellationToken.None);
        var today = DateTimeOffset.UtcNow;
        var longAgo = today.AddDays(-3);

        // Python today: durations 1..20 ms, every fifth a failure; JavaScript three days ago; one rejected request.
        for (var i = 1; i <= 20; i++)
        {
            (i % 2 == 0 ? first : second).Record(Record(ExecutionLanguage.Python, i, success: i % 5 != 0, today));
        }

        first.Record(Record(ExecutionLanguage.JavaScript, 100, success: false, longAgo) with { Outcome = ExecutionOutcomes.InstructionLimit });
        second.Record(Record(ExecutionLanguage.JavaScript, 300, success: false, longAgo) with { TimeoutHit = true, Outcome = ExecutionOutcomes.Timeout });
        first.Record(Record(ExecutionLanguage.Python, 0, success: false, today) with { Outcome = ExecutionOutcomes.Rejected, ErrorCode = "INVALID_REQUEST" });
        await first.StopAsync(CancellationToken.None);
        await second.StopAsync(CancellationToken.None);
        Assert.True(23 == first.Written + second.Written, string.Join("\n", logs.Lines.Select(line => $"{line.Category} {line.Message} {line.Exception}")));

        var statistics = new TableExecutionStatistics(clients, options);
        var all = await statistics.GetAsync(null, CancellationToken.None);
        Assert.Equal(22, all.TotalExecutions);
        Assert.Equal(16, all.SuccessfulExecutions);
        Assert.Equal(6, all.FailedExecutions);
        Assert.Equal(1, all.TimeoutHits);
        Assert.Equal(1, all.InstructionLimitHits);
        Assert.Equal(1, all.ByLanguage["javascript"].InstructionLimitHits);
        Assert.Equal(1, all.RejectedRequests);
        Assert.Equal(Math.Round((210 + 400) / 22.0, 3), all.AverageExecutionTime);

        var recent = await statistics.GetAsync(DateOnly.FromDateTime(today.UtcDateTime), CancellationToken.None);
        Assert.Equal(20, recent.TotalExecutions);
        Assert.Equal(16, recent.SuccessfulExecutions);
        Assert.Equal(4, recent.FailedExecutions);
        Assert.Equal(10.5, recent.AverageExecutionTime);
        Assert.Equal(19, recent.P95ExecutionTime);
        Assert.Equal(["python"], recent.ByLanguage.Keys);
        Assert.Equal(19, recent.ByLanguage["python"].P95ExecutionTime);

        var records = new TableClient(app.Azurite.ConnectionString, names.ExecutionsTable);
        Assert.Equal(23, await records.QueryAsync<TableEntity>(select: ["RowKey"]).CountAsync());
    }

    private static ExecutionRecord Record(ExecutionLanguage language, double durationMs, bool success, DateTimeOffset at) => new()
    {
        ExecutionId = Guid.NewGuid().ToString("N"),
        Language = language,
        Outcome = success ? ExecutionOutcomes.Success : ExecutionOutcomes.Failure,
        Success = success,
        ExitCode = success ? 0 : 1,
        DurationMs = durationMs,
        Timestamp = at,
    };

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                if (await probe() is { } found)
                {
                    return found;
                }
            }
            catch (Azure.RequestFailedException e) when (e.Status == 404)
            {
                // The writer creates the table with its first record, which may not have been written yet.
            }

            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for storage.");
            await Task.Delay(100);
        }
    }
}
