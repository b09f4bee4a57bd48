using System.Globalization;
using System.Text;
using CodeExecution.Core;
using CodeExecution.Core.Model;

namespace CodeExecution.Benchmarks;

/// <summary>
/// Compute programs timed inside the program (start-up excluded), run in the sandbox and under native
/// <c>python3</c> alternately, each the same number of times: the figure issue 13 asks for is the ratio of medians.
/// </summary>
internal static class PythonCompute
{
    /// <summary>Each program's work; the harness around it prints its seconds.</summary>
    private static readonly (string Name, string Work)[] Programs =
    [
        ("recursion", """
            def fib(n): return n if n < 2 else fib(n - 1) + fib(n - 2)
            fib(24)
            """),
        ("loops", """
            total = 0
            for i in range(300000):
                total += i * i % 7
            """),
        ("dicts", """
            d = {}
            for i in range(100000):
                d[str(i)] = i
            total = sum(d[k] for k in d if k.endswith('7'))
            """),
        ("json", """
            import json
            data = [{'id': i, 'name': f'item {i}', 'tags': ['a', 'b', 'c'], 'score': i / 3} for i in range(5000)]
            for _ in range(5):
                json.loads(json.dumps(data))
            """),
        ("re", """
            import re
            text = ' '.join(f'user{i}@example{i % 10}.com and 555-{i:04d}' for i in range(5000))
            for _ in range(5):
                re.findall(r'[\w.]+@[\w.]+\.com', text)
                re.sub(r'(\d{3})-(\d{4})', r'(\1) \2', text)
            """),
        ("classes", """
            class Point:
                __slots__ = ('x', 'y')
                def __init__(self, x, y): self.x, self.y = x, y
                def __add__(self, other): return Point(self.x + other.x, self.y + other.y)
            p = Point(0, 0)
            for i in range(100000):
                p = p + Point(i, -i)
            """),
        ("sort", """
            import random
            random.seed(1)
            values = [random.random() for _ in range(100000)]
            sorted(values)
            sorted(values, key=lambda v: -v)
            """),
    ];

    /// <summary>One program doing the first five's work in turn: the kind of program issue 13 measured at 5.6 times native.</summary>
    private static (string Name, string Work) Mixed =>
        ("mixed (the first five in one program)", string.Join('\n', Programs.Take(5).Select(program => program.Work)));

    public static async Task<string> RunAsync(CodeExecutor executor, int rounds)
    {
        var report = new StringBuilder();
        var hello = new ExecutionRequest { Code = "print('hello')", Language = ExecutionLanguage.Python };
        for (var warmup = 0; warmup < 50; warmup++)
        {
            await executor.ExecuteAsync(hello);
        }

        var helloSummary = await Measure.RunAsync(1000, 1, () => executor.ExecuteAsync(hello));
        report.AppendLine($"Hello-world in the sandbox, in-process, one at a time (1,000 runs): p50 {helloSummary.P50:F2} ms, p95 {helloSummary.P95:F2} ms, {helloSummary.PerSecond:F0} executions/s.");
        report.AppendLine();
        report.AppendLine("| program | sandbox p50 ms | sandbox p95 ms | native `python3` p50 ms | native p95 ms | ratio of p50s |");
        report.AppendLine("|---|---|---|---|---|---|");
        var ratios = new List<double>();
        foreach (var (name, work) in Programs.Append(Mixed))
        {
            var code = $"import time\n_t = time.perf_counter()\n{work}\nprint(f'{{(time.perf_counter() - _t) * 1000:.3f}}')\n";
            var sandbox = new List<double>();
            var native = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                var result = await executor.ExecuteAsync(new ExecutionRequest
                {
                    Code = code, Language = ExecutionLanguage.Python, Limits = new ExecutionLimits { TimeoutMs = 10000 },
                });
                if (!result.Success)
                {
                    throw new InvalidOperationException($"{name} failed in the sandbox: {result.Error} {result.Stderr}");
                }

                sandbox.Add(double.Parse(result.Stdout, CultureInfo.InvariantCulture));
                native.Add(double.Parse(await Measure.Python3Async(code, ""), CultureInfo.InvariantCulture));
            }

            var (sandboxSummary, nativeSummary) = (LatencySummary.From([.. sandbox], TimeSpan.Zero), LatencySummary.From([.. native], TimeSpan.Zero));
            var ratio = sandboxSummary.P50 / nativeSummary.P50;
            ratios.Add(ratio);
            report.AppendLine($"| {name} | {sandboxSummary.P50:F1} | {sandboxSummary.P95:F1} | {nativeSummary.P50:F1} | {nativeSummary.P95:F1} | {ratio:F2} |");
        }

        report.AppendLine($"| geometric mean of the {Programs.Length} | | | | | {Math.Exp(ratios.Take(Programs.Length).Average(Math.Log)):F2} |");
        return report.ToString();
    }
}
