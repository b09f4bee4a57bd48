using System.Diagnostics;
using System.Text;
using CodeExecution.Functions.Testing;

namespace CodeExecution.Functions.Benchmarks;

/// <summary>
/// Clients sending hello-worlds to <c>POST /api/execute</c> over real HTTP (the app's functions on Kestrel, see
/// <see cref="FunctionsWebHost"/>), each sending its next request when its last is answered: per number of clients,
/// the answers by status, p50/p99 latency and requests per second.
/// </summary>
internal static class LoadBenchmark
{
    public static async Task RunAsync(Dictionary<string, string?> settings, string language, int requests, int[] clientCounts)
    {
        await using var host = await FunctionsWebHost.StartAsync(settings);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var code = language == "python" ? "print('hello, world')" : "console.log('hello, world')";
        var body = $$"""{"code":"{{code}}","language":"{{language}}"}""";
        await SendAsync(http, body, 50, 2); // warm-up

        Console.WriteLine($"POST /api/execute, {language} hello-world, {requests} requests per row, MaxConcurrency {settings["CodeExecution:MaxConcurrency"]}");
        Console.WriteLine("| clients | 200 | 429 | other | p50 ms | p99 ms | requests/s |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var clients in clientCounts)
        {
            var (latencies, statuses, elapsed) = await SendAsync(http, body, requests, clients);
            latencies.Sort();
            var ok = statuses.Count(s => s == 200);
            var busy = statuses.Count(s => s == 429);
            Console.WriteLine($"| {clients} | {ok} | {busy} | {requests - ok - busy} | {Percentile(latencies, 0.50):F2} | {Percentile(latencies, 0.99):F2} | {requests / elapsed.TotalSeconds:F0} |");
        }
    }

    private static async Task<(List<double> Latencies, int[] Statuses, TimeSpan Elapsed)> SendAsync(HttpClient http, string body, int requests, int clients)
    {
        var latencies = new double[requests];
        var statuses = new int[requests];
        var next = -1;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < requests)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsync("api/execute", new StringContent(body, Encoding.UTF8, "application/json"));
                await response.Content.ReadAsByteArrayAsync();
                latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                statuses[index] = (int)response.StatusCode;
            }
        }));
        return (latencies.ToList(), statuses, wall.Elapsed);
    }

    private static double Percentile(List<double> sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Count) - 1, 0, sorted.Count - 1)];
}
