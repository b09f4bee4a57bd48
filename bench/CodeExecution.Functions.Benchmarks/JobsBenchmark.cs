using System.Diagnostics;
using System.Text.Json;
using CodeExecution.Functions.Functions;
using CodeExecution.Storage;
using CodeExecution.Storage.Jobs;
using CodeExecution.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CodeExecution.Functions.Benchmarks;

/// <summary>
/// A job of N hello-worlds through <c>POST /api/jobs</c> and the queue functions, in-process against Azurite, with the
/// tests' <see cref="QueuePump"/> standing in for the host's queue listener (8 messages at once, like batchSize 8).
/// Prints items per second and the time from enqueue to <c>completed</c>.
/// </summary>
public static class JobsBenchmark
{
    public static async Task RunAsync(IHost host, string language, int items, int concurrency)
    {
        var code = language == "python" ? "print('hello, world')" : "console.log('hello, world')";
        await RunJobAsync(host, language, code, 20, concurrency, print: false);
        await RunJobAsync(host, language, code, items, concurrency, print: true);
    }

    private static async Task RunJobAsync(IHost host, string language, string code, int items, int concurrency, bool print)
    {
        var api = host.Services.GetRequiredService<JobsFunction>();
        var store = host.Services.GetRequiredService<JobStore>();
        var request = JsonSerializer.Serialize(new Dictionary<string, string> { ["code"] = code, ["language"] = language });
        var body = $"{{\"requests\":[{string.Join(",", Enumerable.Repeat(request, items))}]}}";

        var started = Stopwatch.GetTimestamp();
        var answer = await HttpCall.SendAsync(HttpCall.Post("/api/jobs", body), api.SubmitJob);
        var accepted = Stopwatch.GetElapsedTime(started);
        var id = answer.Text("id")!;
        TimeSpan? fannedOut = null;
        var job = host.Services.GetRequiredService<ProcessJobFunction>();
        var item = host.Services.GetRequiredService<ProcessJobItemFunction>();
        var pump = new QueuePump(host.Services.GetRequiredService<StorageClients>().Queues, 5, concurrency)
            .Route(StorageNames.JobsQueue, async (message, token) =>
            {
                await job.ProcessJob(message, token);
                fannedOut ??= Stopwatch.GetElapsedTime(started);
            })
            .Route(StorageNames.JobItemsQueue, item.ProcessJobItem)
            .Route(ProcessJobFunction.PoisonQueue, job.ProcessJobPoison)
            .Route(ProcessJobItemFunction.PoisonQueue, item.ProcessJobItemPoison);
        await pump.RunUntilAsync(async () => (await store.GetJobAsync(id, CancellationToken.None))!.IsFinal, TimeSpan.FromMinutes(30));
        var total = Stopwatch.GetElapsedTime(started);
        var final = (await store.GetJobAsync(id, CancellationToken.None))!;
        if (!print)
        {
            return;
        }

        var running = final.CompletedAt!.Value - final.StartedAt!.Value;
        Console.WriteLine($"== job of {items} {language} hello-worlds, {concurrency} messages at once, MaxConcurrency 2: {final.Status}, {final.Completed} completed, {final.Failed} failed");
        Console.WriteLine($"   POST /api/jobs answered {answer.Status} in {accepted.TotalMilliseconds:F0} ms; fan-out done after {fannedOut?.TotalSeconds:F2} s");
        Console.WriteLine($"   enqueue to completed: {total.TotalSeconds:F2} s; {items / total.TotalSeconds:F1} items/s overall, {items / running.TotalSeconds:F1} items/s from first item to last");
    }
}
