using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using CodeExecution.Benchmarks;
using CodeExecution.Core;
using CodeExecution.Core.Model;

// Usage: dotnet run -c Release --project bench/CodeExecution.Benchmarks -- [--iterations N] [--batch N] [--output FILE]
//        [--only PROGRAM] [--sandbox-only]   (PROGRAM: hello, compute or files; --sandbox-only skips the native spawns,
//                                             the mixed load and the batches, for quick comparisons)
//        [--language LANGUAGE]               (only that language's programs and endless loop, e.g. ruby)
//        [--modules]                         (only: loading and instantiating the cached precompiled modules)
//        [--python-compute ROUNDS]           (only: Python hello-world p50, then compute programs timed inside
//                                             themselves, sandbox against python3)
//        [--fuel]                            (only: hello and compute in Python and JavaScript, without and with
//                                             limits.maxInstructions, alternating, one at a time: what counting costs)
//        [--network [REQUESTS]]              (only: a program's HTTP requests through the host, fetch and urlopen,
//                                             beside HttpClient in the host and native node and python3)
//        [--cpython-tests [TESTS_ZIP]]       (only: CPython's regression tests, sandbox against python3; the zip
//                                             build-cpython.sh packs, node_modules/codeexec-bundles/cpython/tests/)
//        [--wasm]                            (only: users' own modules, Winch against Cranelift: compiling a small,
//                                             a medium and a large module; a C program's first (uncached) and cached
//                                             runs, p50/p95; a compute program; the same C built natively, spawned)
var iterations = IntArgument("--iterations", 200);
var batchSize = IntArgument("--batch", 100);
var outputPath = StringArgument("--output");
var onlyProgram = StringArgument("--only");
var onlyLanguage = StringArgument("--language") is { } languageName
    ? ExecutionLanguageNames.TryParse(languageName, out var parsedLanguage) ? parsedLanguage : throw new ArgumentException(ExecutionLanguageNames.UnsupportedMessage(languageName))
    : null;
var sandboxOnly = args.Contains("--sandbox-only");
var streaming = args.Contains("--streaming");
var spaced = args.Contains("--spaced");
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args.Contains("--wasm"))
{
    Console.WriteLine($"WebAssembly modules of the user's (language wasm); `dotnet run -c Release --project bench/CodeExecution.Benchmarks -- {string.Join(' ', args)}`:");
    Console.WriteLine();
    Console.WriteLine(await WasmBenchmark.RunAsync(iterations));
    return;
}

await using var executor = new CodeExecutor(new CodeExecutorOptions { MaxConcurrency = 2 });
var initialize = Stopwatch.StartNew();
await executor.InitializeAsync();
Console.Error.WriteLine($"initialized in {initialize.ElapsedMilliseconds} ms; languages: {string.Join(", ", executor.GetSupportedLanguages())}");

if (args.Contains("--modules"))
{
    Console.WriteLine(ModuleLoading.Measure(CodeExecution.Core.Runtimes.Modules.DiskPrecompiledModuleStore.DefaultDirectory, iterations));
    return;
}

if (StringArgument("--python-compute") is { } computeRounds)
{
    Console.WriteLine($"Python compute programs, timed inside the program, {computeRounds} rounds alternating sandbox and native:");
    Console.WriteLine();
    Console.WriteLine(await PythonCompute.RunAsync(executor, int.Parse(computeRounds, CultureInfo.InvariantCulture)));
    return;
}

if (args.Contains("--grading"))
{
    Console.WriteLine(await GradingBenchmark.RunAsync(executor, iterations));
    return;
}

if (args.Contains("--fuel"))
{
    Console.WriteLine($"Counting instructions (Wasmtime fuel), {iterations} runs of each alternating, one at a time; `dotnet run -c Release --project bench/CodeExecution.Benchmarks -- {string.Join(' ', args)}`:");
    Console.WriteLine();
    Console.WriteLine(await FuelCost.RunAsync(executor, iterations));
    return;
}

if (args.Contains("--network"))
{
    var requests = StringArgument("--network") is { } count && !count.StartsWith("--", StringComparison.Ordinal) ? int.Parse(count, CultureInfo.InvariantCulture) : 200;
    Console.WriteLine(await NetworkOverhead.RunAsync(requests));
    return;
}

if (args.Contains("--cpython-tests"))
{
    var testsZip = StringArgument("--cpython-tests") is { } given && !given.StartsWith("--", StringComparison.Ordinal)
        ? given
        : Path.Combine("node_modules", "codeexec-bundles", "cpython", "tests", "python311-tests.zip");
    Console.WriteLine("CPython's regression tests (Lib/test of the runtime's source), one execution per test class, sandbox and native python3:");
    Console.WriteLine();
    Console.WriteLine(await CPythonTests.RunAsync(executor, testsZip));
    return;
}

var report = new StringBuilder();
report.AppendLine($"Measured {DateTime.UtcNow:yyyy-MM-dd} on {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}.");
report.AppendLine($"Command: `dotnet run -c Release --project bench/CodeExecution.Benchmarks -- {string.Join(' ', args)}`");
report.AppendLine();
report.AppendLine("| language | program | runner | concurrency | p50 ms | p95 ms | p99 ms | executions/s |");
report.AppendLine("|---|---|---|---|---|---|---|---|");

foreach (var program in BenchmarkProgram.All.Where(p => executor.GetSupportedLanguages().Contains(p.Language) && (onlyProgram is null || p.Name == onlyProgram) && (onlyLanguage is null || p.Language == onlyLanguage)))
{
    var request = new ExecutionRequest { Code = program.Code, Language = program.Language, Files = program.Files };
    var check = await executor.ExecuteAsync(request);
    if (!check.Success)
    {
        throw new InvalidOperationException($"{program.Language} {program.Name} failed: {check.Error} {check.Stderr}");
    }

    for (var warmup = 0; warmup < 20; warmup++)
    {
        await executor.ExecuteAsync(request);
    }

    foreach (var concurrency in new[] { 1, 2 })
    {
        var sandboxed = await Measure.RunAsync(iterations, concurrency, () => executor.ExecuteAsync(request));
        Row(program, "sandbox (in-process)", concurrency, sandboxed);
    }

    // One caller whose requests are 20 ms apart: each finds the machine idle and its slot reset, as a request to a
    // lightly used service does; back to back, a request also waits for the previous one's slot reset.
    if (spaced)
    {
        var apart = await Measure.RunAsync(iterations, 1, () => executor.ExecuteAsync(request), TimeSpan.FromMilliseconds(20));
        Row(program, "sandbox, requests 20 ms apart", 1, apart);
    }

    // The same runs handing their output to a sink as it is written (issue 21), beside the runs above.
    foreach (var concurrency in streaming ? new[] { 1, 2 } : [])
    {
        var streamed = await Measure.RunAsync(iterations, concurrency, () => executor.ExecuteAsync(request, static _ => { }));
        Row(program, "sandbox, output streamed to a sink", concurrency, streamed);
    }

    var nativeCount = Math.Min(iterations, 60);
    foreach (var concurrency in sandboxOnly || program.Files is not null ? [] : new[] { 1, 2 })
    {
        var native = await Measure.RunAsync(nativeCount, concurrency, () => Measure.SpawnAsync(program.NativeCommand, program.NativeFlag, program.NativeCode));
        Row(program, $"native `{program.NativeCommand}` spawn", concurrency, native);
    }
}

report.AppendLine();
report.AppendLine("### Timeouts: an endless loop with `timeoutMs: 100` (the epoch ticks every 5 ms)");
report.AppendLine();
report.AppendLine("| language | p50 ms | p95 ms | p99 ms | every run reported `timeoutHit` |");
report.AppendLine("|---|---|---|---|---|");
foreach (var (language, loop) in new[] { (ExecutionLanguage.Python, "while True: pass"), (ExecutionLanguage.JavaScript, "for (;;) {}"), (ExecutionLanguage.Ruby, "loop {}") }
    .Where(loop => onlyLanguage is null || loop.Item1 == onlyLanguage))
{
    var endless = new ExecutionRequest { Code = loop, Language = language, Limits = new ExecutionLimits { TimeoutMs = 100 } };
    var allHit = true;
    var stopped = await Measure.RunAsync(Math.Max(20, iterations / 20), 1, async () => allHit &= (await executor.ExecuteAsync(endless)).Metadata.TimeoutHit);
    report.AppendLine($"| {language.ToName()} | {stopped.P50:F1} | {stopped.P95:F1} | {stopped.P99:F1} | {(allHit ? "yes" : "no")} |");
}

if (sandboxOnly)
{
    Finish();
    return;
}

report.AppendLine();
report.AppendLine("### 200 concurrent mixed executions (Python, JavaScript, TypeScript echo programs) on one engine");
report.AppendLine();
var mixed = BenchmarkProgram.All.Where(p => p.Name == "hello" && executor.GetSupportedLanguages().Contains(p.Language)).ToList();
var load = Stopwatch.StartNew();
var loadLatencies = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
{
    var started = Stopwatch.GetTimestamp();
    var program = mixed[i % mixed.Count];
    var result = await executor.ExecuteAsync(new ExecutionRequest { Code = program.Code, Language = program.Language });
    if (result.Stdout != "hello\n")
    {
        throw new InvalidOperationException($"{program.Language}: {result.Stdout} {result.Error}");
    }

    return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}));
var loadSummary = LatencySummary.From(loadLatencies, load.Elapsed);
report.AppendLine($"All 200 submitted at once to {executor.MaxConcurrency} sandbox threads (latency includes queueing): p50 {loadSummary.P50:F1} ms, p95 {loadSummary.P95:F1} ms, p99 {loadSummary.P99:F1} ms, {loadSummary.PerSecond:F1} executions/s, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 >> 20} MiB.");

report.AppendLine();
report.AppendLine($"### `codeexec batch` of {batchSize} hello-worlds against {batchSize} native spawns, two at a time");
report.AppendLine();
report.AppendLine("| language | codeexec batch -j 2 (whole process) | native spawns, 2 at a time | ratio |");
report.AppendLine("|---|---|---|---|");
foreach (var program in BenchmarkProgram.All.Where(p => p.Name == "hello" && p.Language != ExecutionLanguage.TypeScript && executor.GetSupportedLanguages().Contains(p.Language)))
{
    var file = Path.Combine(Path.GetTempPath(), $"codeexec-bench-{program.Language}.jsonl");
    var line = System.Text.Json.JsonSerializer.Serialize(new ExecutionRequest { Code = program.Code, Language = program.Language }, CodeExecution.Core.Serialization.CodeExecutionJson.Options);
    await File.WriteAllLinesAsync(file, Enumerable.Repeat(line, batchSize));
    var codeexec = Path.Combine(AppContext.BaseDirectory, "codeexec.dll");
    await Measure.SpawnAsync("dotnet", codeexec, "batch", file, "-j", "2"); // warm the module cache and the disk
    var batch = Stopwatch.StartNew();
    await Measure.SpawnAsync("dotnet", codeexec, "batch", file, "-j", "2");
    batch.Stop();
    var native = Stopwatch.StartNew();
    await Measure.RunAsync(batchSize, 2, () => Measure.SpawnAsync(program.NativeCommand, program.NativeFlag, program.NativeCode));
    native.Stop();
    report.AppendLine($"| {program.Language.ToName()} | {batch.Elapsed.TotalMilliseconds:F0} ms | {native.Elapsed.TotalMilliseconds:F0} ms | {batch.Elapsed / native.Elapsed:F2} |");
}

Finish();

void Finish()
{
    report.AppendLine();
    report.AppendLine($"Peak working set of the benchmark process: {Process.GetCurrentProcess().PeakWorkingSet64 >> 20} MiB.");
    Console.WriteLine(report);
    if (outputPath is not null)
    {
        File.WriteAllText(outputPath, report.ToString());
        Console.Error.WriteLine($"wrote {outputPath}");
    }
}

void Row(BenchmarkProgram program, string runner, int concurrency, LatencySummary s) =>
    report.AppendLine($"| {program.Language.ToName()} | {program.Name} | {runner} | {concurrency} | {s.P50:F2} | {s.P95:F2} | {s.P99:F2} | {s.PerSecond:F1} |");

int IntArgument(string name, int fallback) =>
    StringArgument(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

string? StringArgument(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
