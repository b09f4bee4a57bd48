using System.Diagnostics;
using System.Text;
using CodeExecution.Core;
using CodeExecution.Core.Model;
using CodeExecution.Core.Runtimes.Wasm;
using CodeExecution.Core.Sandbox;
using CodeExecution.Testing;
using Wasmtime;

namespace CodeExecution.Benchmarks;

/// <summary>
/// <c>--wasm</c>: users' own modules, Winch against Cranelift, beside the same C program built natively. Compiling a
/// small, a medium and a large module (validation and compilation, what a request with a new module pays before it
/// runs); a C program's first run (compile and run, the cache empty: each run's module is made unique by a custom
/// section) and its cached runs, p50 and p95; a compute program's run; and the native build spawned.
/// </summary>
internal static class WasmBenchmark
{
    public static async Task<string> RunAsync(int iterations)
    {
        var report = new StringBuilder();
        var echo = WasmPrograms.Module("echo.c");
        var compute = WasmPrograms.Module("compute.c");
        var modules = new (string Name, byte[] Bytes)[]
        {
            ("echo.c (clang-16 -O2, stripped)", echo),
            ("quickjs.wasm (QuickJS-NG)", File.ReadAllBytes(Path.Combine(RepositoryRoot.Path, "node_modules", "quickjs-wasi", "quickjs.wasm"))),
            ("python.wasm (CPython 3.11, clang-16 -O2)", File.ReadAllBytes(Path.Combine(RepositoryRoot.Path, "node_modules", "codeexec-bundles", "cpython", "python.wasm"))),
        };

        report.AppendLine("Compiling (validate + compile, fresh engine, median of 3; compiled size from Module.Serialize):");
        report.AppendLine();
        report.AppendLine("| module | bytes | Winch | Cranelift |");
        report.AppendLine("|---|---:|---:|---:|");
        foreach (var (name, bytes) in modules)
        {
            var winch = CompileTime(bytes, baselineCompiler: true);
            var cranelift = CompileTime(bytes, baselineCompiler: false);
            report.AppendLine($"| {name} | {bytes.Length:N0} | {winch.Ms:F0} ms, {winch.CompiledBytes:N0} B | {cranelift.Ms:F0} ms, {cranelift.CompiledBytes:N0} B |");
        }

        report.AppendLine();
        report.AppendLine($"Through the executor (MaxConcurrency 1), one at a time; first run = compile and run, cache empty ({Math.Max(10, iterations / 10)} runs); cached = {iterations} runs of the same module:");
        report.AppendLine();
        report.AppendLine("| compiler | echo.c first run p50 / p95 | echo.c cached p50 / p95 | compute.c cached run p50 |");
        report.AppendLine("|---|---:|---:|---:|");
        foreach (var compiler in new[] { WasmCompiler.Winch, WasmCompiler.Cranelift })
        {
            await using var executor = new CodeExecutor(new CodeExecutorOptions
            {
                MaxConcurrency = 1,
                Languages = [ExecutionLanguage.Wasm],
                Wasm = new WasmOptions { Compiler = compiler },
            });
            await executor.InitializeAsync();
            var first = await Measure.RunAsync(Math.Max(10, iterations / 10), 1, async () => Check(await executor.ExecuteWasmAsync(Unique(echo), "one\ntwo\n")));
            var cached = await Measure.RunAsync(iterations, 1, async () => Check(await executor.ExecuteWasmAsync(echo, "one\ntwo\n")));
            Check(await executor.ExecuteWasmAsync(compute));
            var computed = await Measure.RunAsync(Math.Max(5, iterations / 20), 1, async () => Check(await executor.ExecuteWasmAsync(compute)));
            report.AppendLine($"| {compiler} | {first.P50:F2} / {first.P95:F2} ms | {cached.P50:F2} / {cached.P95:F2} ms | {computed.P50:F1} ms |");
        }

        var nativeEcho = WasmPrograms.NativePath("echo.c");
        var nativeCompute = WasmPrograms.NativePath("compute.c");
        var spawned = await Measure.RunAsync(iterations, 1, () => Task.Run(() => WasmPrograms.RunNative(nativeEcho, "one\ntwo\n")));
        var computedNatively = await Measure.RunAsync(Math.Max(5, iterations / 20), 1, () => Task.Run(() => WasmPrograms.RunNative(nativeCompute, "")));
        report.AppendLine($"| native (gcc -O2, spawned) | | {spawned.P50:F2} / {spawned.P95:F2} ms | {computedNatively.P50:F1} ms |");
        return report.ToString();
    }

    /// <summary>The module with a custom section of a fresh GUID appended: another sha256, so it is compiled again.</summary>
    private static byte[] Unique(byte[] module)
    {
        var name = Encoding.UTF8.GetBytes("bench");
        var payload = Encoding.UTF8.GetBytes(Guid.NewGuid().ToString("N"));
        return [.. module, 0x00, (byte)(1 + name.Length + payload.Length), (byte)name.Length, .. name, .. payload];
    }

    private static void Check(ExecutionResult result)
    {
        if (!result.Success)
        {
            throw new InvalidOperationException($"the benchmark's program failed: {result.Error} {result.Stderr}");
        }
    }

    private static (double Ms, long CompiledBytes) CompileTime(byte[] bytes, bool baselineCompiler)
    {
        using var engine = new SandboxEngine(maxLiveInstances: 1, baselineCompiler: baselineCompiler);
        var times = new List<double>();
        long compiledBytes = 0;
        for (var i = 0; i < 3; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var invalid = Wasmtime.Module.Validate(engine.Engine, bytes);
            using var module = Wasmtime.Module.FromBytes(engine.Engine, "bench", bytes);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            compiledBytes = invalid is null ? module.Serialize().Length : -1;
        }

        return (times.Order().ElementAt(1), compiledBytes);
    }
}
