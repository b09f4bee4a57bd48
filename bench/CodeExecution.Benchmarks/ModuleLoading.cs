using System.Diagnostics;
using System.Text;
using CodeExecution.Core.Sandbox;
using Wasmtime;

namespace CodeExecution.Benchmarks;

/// <summary>
/// Loading each precompiled artifact from the module cache with <c>Module.Deserialize</c> (from bytes already read
/// and hash-checked, as the service does) against <c>Module.DeserializeFile</c> (mapped from the file), and then
/// instantiating it repeatedly on the service's engine.
/// </summary>
internal static class ModuleLoading
{
    public static string Measure(string cacheDirectory, int instantiations)
    {
        var report = new StringBuilder();
        report.AppendLine($"| artifact | size | load by | load p50 ms | instantiate p50 ms | instantiate p95 ms |");
        report.AppendLine("|---|---|---|---|---|---|");
        using var engine = new SandboxEngine();
        foreach (var path in Directory.GetFiles(cacheDirectory, "*.cwasm").Order())
        {
            var name = Path.GetFileName(path).Split("-wasmtime")[0];
            var size = $"{new FileInfo(path).Length / 1048576.0:F1} MB";
            Row(report, engine, name, size, "Deserialize (bytes)", () => Module.Deserialize(engine.Engine, name, File.ReadAllBytes(path)), instantiations);
            Row(report, engine, name, size, "DeserializeFile", () => Module.DeserializeFile(engine.Engine, name, path), instantiations);
        }

        return report.ToString();
    }

    private static void Row(StringBuilder report, SandboxEngine engine, string name, string size, string loadBy, Func<Module> load, int instantiations)
    {
        var loads = new double[5];
        Module? module = null;
        for (var i = 0; i < loads.Length; i++)
        {
            module?.Dispose();
            var started = Stopwatch.GetTimestamp();
            module = load();
            loads[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        using (module)
        using (var linker = new Linker(engine.Engine))
        {
            linker.DefineWasi();
            linker.DefineUnknownImportsAsTraps(module!);
            var times = new double[instantiations];
            for (var i = 0; i < times.Length; i++)
            {
                var started = Stopwatch.GetTimestamp();
                using var store = new Store(engine.Engine);
                store.SetWasiConfiguration(new WasiConfiguration());
                linker.Instantiate(store, module!);
                times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }

            var loading = LatencySummary.From(loads, TimeSpan.Zero);
            var instantiate = LatencySummary.From(times, TimeSpan.Zero);
            report.AppendLine($"| {name} | {size} | {loadBy} | {loading.P50:F1} | {instantiate.P50:F3} | {instantiate.P95:F3} |");
        }
    }
}
