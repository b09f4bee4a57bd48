using System.Diagnostics;
using CodeExecution.Core.Model;
using Xunit.Abstractions;

namespace CodeExecution.Core.Tests;

/// <summary>Many executions on one engine: each sees only its own input, and the host returns to its baseline.</summary>
/// <remarks>Runs alone, so the process's memory, handles and threads are this test's own.</remarks>
[Collection(LoadCollection.Name)]
public sealed class LoadTests(ITestOutputHelper output)
{
    private static readonly (ExecutionLanguage Language, string Code)[] Echo =
    [
        (ExecutionLanguage.Python, "import sys\ndata = sys.stdin.read()\nprint(data[::-1], len(data))"),
        (ExecutionLanguage.JavaScript, "const data = require('fs').readFileSync(0, 'utf8'); console.log([...data].reverse().join(''), data.length)"),
        (ExecutionLanguage.TypeScript, "const data: string = require('fs').readFileSync(0, 'utf8'); console.log([...data].reverse().join(''), data.length)"),
    ];

    private static ExecutionRequest EchoRequest(int index)
    {
        var (language, code) = Echo[index % Echo.Length];
        return new ExecutionRequest { Language = language, Code = code, Input = $"request-{index}-{language}" };
    }

    private static string Expected(int index)
    {
        var input = EchoRequest(index).Input!;
        return $"{new string(input.Reverse().ToArray())} {input.Length}\n";
    }

    [Fact]
    public async Task Concurrent200_MixedLanguages_EachSeesOnlyItsOwnInput()
    {
        await using var executor = new CodeExecutor(new CodeExecutorOptions { ModuleCacheDirectory = ExecutorFixture.ModuleCacheDirectory, MaxConcurrency = 4 });
        await executor.InitializeAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => executor.ExecuteAsync(EchoRequest(i))));

        for (var i = 0; i < results.Length; i++)
        {
            Assert.True(results[i].Success, $"#{i}: {results[i].Error} {results[i].Stderr}");
            Assert.Equal(Expected(i), results[i].Stdout);
        }

        var stats = executor.GetStatistics();
        Assert.Equal(200, stats.TotalExecutions);
        Assert.Equal(200, stats.SuccessfulExecutions);
    }

    [Fact]
    public async Task Sequential10000_MemoryHandlesAndThreadsReturnToBaseline()
    {
        await using var executor = new CodeExecutor(new CodeExecutorOptions { ModuleCacheDirectory = ExecutorFixture.ModuleCacheDirectory, MaxConcurrency = 2 });
        await executor.InitializeAsync();
        // Every 100th execution is Python (tens of ms each); the rest alternate JavaScript and TypeScript.
        var sequence = Enumerable.Range(0, 10_000).Select(i => i % 100 == 0 ? 3 * i : i % 2 == 0 ? 3 * i + 1 : 3 * i + 2).ToList();
        foreach (var index in sequence.Take(300))
        {
            await executor.ExecuteAsync(EchoRequest(index));
        }

        var baseline = Snapshot();
        var peakRss = baseline.Rss;
        foreach (var (index, n) in sequence.Select((index, n) => (index, n)))
        {
            var result = await executor.ExecuteAsync(EchoRequest(index));
            Assert.True(Expected(index) == result.Stdout, $"#{n}: {result.Error} {result.Stderr}");
            if (n % 500 == 0)
            {
                peakRss = Math.Max(peakRss, Snapshot().Rss);
            }
        }

        var final = Snapshot();
        output.WriteLine($"baseline: rss {baseline.Rss >> 20} MiB, managed {baseline.Managed >> 20} MiB, handles {baseline.Handles}, threads {baseline.Threads}");
        output.WriteLine($"peak rss {peakRss >> 20} MiB; final: rss {final.Rss >> 20} MiB, managed {final.Managed >> 20} MiB, handles {final.Handles}, threads {final.Threads}");
        Assert.Equal(10_000, executor.GetStatistics().TotalExecutions - 300);
        Assert.InRange(final.Handles, 0, baseline.Handles + 8);
        Assert.InRange(final.Threads, 0, baseline.Threads + 4);
        Assert.InRange(final.Managed, 0, baseline.Managed + (32L << 20));
        Assert.InRange(final.Rss, 0, baseline.Rss + (128L << 20));
    }

    [Fact]
    public async Task ExploitSuite_RunTwice_LeavesMemoryHandlesAndThreadsAtTheirBaseline()
    {
        await using var executor = new CodeExecutor(new CodeExecutorOptions { ModuleCacheDirectory = ExecutorFixture.ModuleCacheDirectory, MaxConcurrency = 2 });
        await executor.InitializeAsync();
        var cases = Exploits.ExploitCase.Load("python", ExecutionLanguage.Python)
            .Concat(Exploits.ExploitCase.Load("javascript", ExecutionLanguage.JavaScript))
            .Concat(Exploits.ExploitCase.Load("typescript", ExecutionLanguage.TypeScript))
            .Concat(Exploits.ExploitCase.Load("ruby", ExecutionLanguage.Ruby))
            .ToList();
        foreach (var exploit in cases)
        {
            await executor.ExecuteAsync(exploit.ToRequest());
        }

        var baseline = Snapshot();
        var peakRss = baseline.Rss;
        foreach (var exploit in cases)
        {
            exploit.AssertVerdict(await executor.ExecuteAsync(exploit.ToRequest()));
            peakRss = Math.Max(peakRss, Snapshot().Rss);
        }

        var final = Snapshot();
        output.WriteLine($"{cases.Count} cases; baseline: rss {baseline.Rss >> 20} MiB, handles {baseline.Handles}, threads {baseline.Threads}");
        output.WriteLine($"peak rss {peakRss >> 20} MiB; final: rss {final.Rss >> 20} MiB, handles {final.Handles}, threads {final.Threads}");
        Assert.InRange(final.Handles, 0, baseline.Handles + 8);
        Assert.InRange(final.Threads, 0, baseline.Threads + 4);
        Assert.InRange(final.Managed, 0, baseline.Managed + (32L << 20));
        Assert.InRange(final.Rss, 0, baseline.Rss + (128L << 20));
    }

    private sealed record HostState(long Rss, long Managed, int Handles, int Threads);

    private static HostState Snapshot()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        // The thread pool grows and shrinks with whatever the tests beside this one block on; a leak would be threads
        // of our own (sandbox threads, Wasmtime's), so the pool's threads are not counted.
        return new HostState(
            process.WorkingSet64,
            GC.GetTotalMemory(forceFullCollection: true),
            Directory.GetFiles("/proc/self/fd").Length,
            process.Threads.Count - ThreadPool.ThreadCount);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoadCollection
{
    public const string Name = "load (runs alone)";
}
