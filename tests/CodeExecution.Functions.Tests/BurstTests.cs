using CodeExecution.Functions.Functions;

namespace CodeExecution.Functions.Tests;

/// <summary>
/// A burst larger than an instance's sandboxes waits for them: 16 clients at once, each sending its next hello-world
/// when the last is answered, against <c>MaxConcurrency</c> 2 and the default wait queue.
/// </summary>
public sealed class BurstTests
{
    [Fact]
    public async Task SixteenClients_Against2Sandboxes_Get2000Answers_NoneRefused()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var settings = TestHost.Settings(azurite, StorageNamesForRun.Unique());
        settings.Remove("CodeExecution:MaxWaitingRequests");
        settings.Remove("CodeExecution:MaxQueueWaitMs");
        await using var host = await TestHost.StartAsync(settings);
        var execute = host.Function<ExecuteFunction>();
        var next = -1;
        var answers = new HttpAnswer[2000];

        await Task.WhenAll(Enumerable.Range(0, 16).Select(client => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < answers.Length)
            {
                var language = index % 2 == 0 ? "python" : "javascript";
                var code = index % 2 == 0 ? $"print({index})" : $"console.log({index})";
                answers[index] = await HttpCall.SendAsync(
                    HttpCall.Post("/api/execute", $$"""{"code":"{{code}}","language":"{{language}}"}"""), execute.Execute);
            }
        })));

        Assert.All(answers.Select((answer, index) => (answer, index)), pair =>
        {
            Assert.Equal(200, pair.answer.Status);
            Assert.Equal($"{pair.index}\n", pair.answer.Text("stdout"));
        });
    }
}
