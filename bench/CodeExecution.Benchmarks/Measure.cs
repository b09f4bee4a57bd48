using System.Diagnostics;

namespace CodeExecution.Benchmarks;

/// <summary>Runs an operation N times with a given number of concurrent callers and records each latency.</summary>
internal static class Measure
{
    /// <param name="pause">How long each caller waits after an operation before starting its next; not in any latency.</param>
    public static async Task<LatencySummary> RunAsync(int count, int concurrency, Func<Task> operation, TimeSpan pause = default)
    {
        var latencies = new double[count];
        var next = -1;
        var wall = Stopwatch.StartNew();
        var callers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                await operation();
                latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (pause > TimeSpan.Zero)
                {
                    await Task.Delay(pause);
                }
            }
        });
        await Task.WhenAll(callers);
        return LatencySummary.From(latencies, wall.Elapsed);
    }

    /// <summary>Starts a process, waits for it, and fails loudly if it did not exit 0.</summary>
    public static Task SpawnAsync(string fileName, params string[] args) => OutputOfAsync(fileName, null, args);

    /// <summary>Runs <c>python3 -c CODE ARGS...</c> with <paramref name="input"/> on stdin; its stdout, or a loud failure.</summary>
    public static Task<string> Python3Async(string code, string input, params string[] args) =>
        OutputOfAsync("python3", input, ["-c", code, .. args]);

    /// <summary>Runs a process (stdin inherited when <paramref name="input"/> is null); its stdout, or a loud failure unless it exited 0.</summary>
    private static async Task<string> OutputOfAsync(string fileName, string? input, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = input is not null, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }

        await process.WaitForExitAsync();
        await Task.WhenAll(stdout, stderr);
        return process.ExitCode == 0 ? await stdout : throw new InvalidOperationException($"{fileName} exited {process.ExitCode}: {await stderr}");
    }
}
