using System.Globalization;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using CodeExecution.Functions.Testing;

namespace CodeExecution.Functions.Benchmarks;

/// <summary>
/// How long a line a program prints takes to reach a client of <c>POST /api/execute</c>'s event stream, over real HTTP
/// (the app's functions on Kestrel, see <see cref="FunctionsWebHost"/>): the Python program prints the wall clock's
/// time in nanoseconds, then sleeps 20 ms, so each line is an event of its own; the client subtracts it from the
/// time the event arrived (the same machine's clock).
/// </summary>
internal static class StreamingBenchmark
{
    private const int LinesPerRun = 200;

    public static async Task RunAsync(Dictionary<string, string?> settings, int runs)
    {
        await using var host = await FunctionsWebHost.StartAsync(settings);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var code = $"import time\nfor _ in range({LinesPerRun}):\n    print(time.time_ns())\n    time.sleep(0.02)\n";
        var body = JsonSerializer.Serialize(new { code, language = "python", limits = new { timeoutMs = 10000 } });
        await MeasureAsync(http, body); // warm-up

        var latencies = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            latencies.AddRange(await MeasureAsync(http, body));
        }

        latencies.Sort();
        Console.WriteLine($"POST /api/execute with Accept: text/event-stream, Python, {runs} runs of {LinesPerRun} lines 20 ms apart ({latencies.Count} lines)");
        Console.WriteLine("| from print in the guest to the event at the client | p50 ms | p95 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---|---|---|---|");
        Console.WriteLine($"| over loopback HTTP | {Percentile(latencies, 0.50):F3} | {Percentile(latencies, 0.95):F3} | {Percentile(latencies, 0.99):F3} | {latencies[^1]:F3} |");
    }

    private static async Task<List<double>> MeasureAsync(HttpClient http, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/execute") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync();
        var latencies = new List<double>(LinesPerRun);
        await foreach (var item in SseParser.Create(stream).EnumerateAsync())
        {
            var arrivedNs = (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;
            if (item.EventType != "stdout")
            {
                continue;
            }

            foreach (var line in JsonSerializer.Deserialize<string>(item.Data)!.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                latencies.Add((arrivedNs - long.Parse(line, CultureInfo.InvariantCulture)) / 1e6);
            }
        }

        if (latencies.Count != LinesPerRun)
        {
            throw new InvalidOperationException($"{latencies.Count} lines arrived of {LinesPerRun}.");
        }

        return latencies;
    }

    private static double Percentile(List<double> sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Count) - 1, 0, sorted.Count - 1)];
}
