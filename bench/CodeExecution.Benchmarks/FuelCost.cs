using System.Diagnostics;
using System.Text;
using CodeExecution.Core;
using CodeExecution.Core.Model;

namespace CodeExecution.Benchmarks;

/// <summary>
/// What counting instructions costs: the hello and compute programs of Python and JavaScript, each run without an
/// instruction budget (the first engine) and with one (the counting engine), alternating one run of each so that
/// both see the same machine, on one sandbox thread.
/// </summary>
internal static class FuelCost
{
    /// <summary>A budget no measured program comes near, so every metered run completes.</summary>
    private const long Budget = 100_000_000_000;

    public static async Task<string> RunAsync(CodeExecutor executor, int iterations)
    {
        var report = new StringBuilder();
        report.AppendLine("| language | program | limits.maxInstructions | instructions | p50 ms | p95 ms | executions/s | p50 against without |");
        report.AppendLine("|---|---|---|---|---|---|---|---|");
        var programs = BenchmarkProgram.All.Where(program =>
            program.Name is "hello" or "compute" && program.Language is ExecutionLanguage.Python or ExecutionLanguage.JavaScript
            && executor.GetSupportedLanguages().Contains(program.Language));
        foreach (var program in programs)
        {
            var plain = new ExecutionRequest { Code = program.Code, Language = program.Language };
            var metered = plain with { Limits = new ExecutionLimits { MaxInstructions = Budget } };
            var check = await executor.ExecuteAsync(metered);
            if (!check.Success)
            {
                throw new InvalidOperationException($"{program.Language} {program.Name} failed with a budget: {check.Error} {check.Stderr}");
            }

            for (var warmup = 0; warmup < 20; warmup++)
            {
                await executor.ExecuteAsync(plain);
                await executor.ExecuteAsync(metered);
            }

            var (without, with) = (new List<double>(iterations), new List<double>(iterations));
            var (withoutWall, withWall) = (TimeSpan.Zero, TimeSpan.Zero);
            for (var i = 0; i < iterations; i++)
            {
                withoutWall += await TimeAsync(executor, plain, without);
                withWall += await TimeAsync(executor, metered, with);
            }

            var plainSummary = LatencySummary.From(without, withoutWall);
            var meteredSummary = LatencySummary.From(with, withWall);
            var name = program.Language.ToName();
            report.AppendLine($"| {name} | {program.Name} | none | - | {plainSummary.P50:F2} | {plainSummary.P95:F2} | {plainSummary.PerSecond:F1} | |");
            report.AppendLine(
                $"| {name} | {program.Name} | {Budget:N0} | {check.Metadata.Instructions:N0} | {meteredSummary.P50:F2} | {meteredSummary.P95:F2} | {meteredSummary.PerSecond:F1} | {meteredSummary.P50 / plainSummary.P50:F2}× |");
        }

        return report.ToString();
    }

    /// <summary>Runs the request once, adds its latency to <paramref name="latencies"/>, and returns it.</summary>
    private static async Task<TimeSpan> TimeAsync(CodeExecutor executor, ExecutionRequest request, List<double> latencies)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await executor.ExecuteAsync(request);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (!result.Success)
        {
            throw new InvalidOperationException($"{request.Language} failed: {result.Error}");
        }

        latencies.Add(elapsed.TotalMilliseconds);
        return elapsed;
    }
}
