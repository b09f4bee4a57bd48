using System.Diagnostics;

namespace CodeExecution.Testing;

/// <summary>
/// Runs the built <c>codeexec</c> as a separate process, as a user or azd's hook would, from the CLI's own output
/// folder (copied beside a test that references ASP.NET Core, it would lack assemblies it needs).
/// </summary>
public static class Codeexec
{
    /// <summary>A module cache kept across runs and test runs, so programs start from precompiled runtimes.</summary>
    public static readonly string SharedModuleCacheDirectory = Path.Combine(Path.GetTempPath(), "codeexec-tests", "modules");

    public static string DllPath { get; } =
        Path.Combine(RepositoryRoot.Path, "src", "CodeExecution.Cli", "bin", RepositoryRoot.BuildConfiguration, "net10.0", "codeexec.dll");

    /// <param name="PeakMemoryBytes">The process's peak resident memory (Linux's VmHWM) as last sampled before it ended, when known.</param>
    public sealed record Run(int ExitCode, string Stdout, string Stderr, long? PeakMemoryBytes = null)
    {
        /// <summary>The output lines that start with <paramref name="status"/>.</summary>
        public IReadOnlyList<string> Lines(string status) =>
            Stdout.Split('\n').Where(l => l.StartsWith(status + " ", StringComparison.Ordinal)).Select(l => l.Trim()).ToList();
    }

    /// <summary>
    /// Runs <c>codeexec <paramref name="args"/></c> with <paramref name="stdin"/> on its standard input (closed, empty
    /// when null) and, when given, <c>--cache-dir <paramref name="moduleCacheDirectory"/></c> before the arguments.
    /// </summary>
    public static async Task<Run> RunAsync(IEnumerable<string> args, string? stdin = null, string? moduleCacheDirectory = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(DllPath);
        if (moduleCacheDirectory is not null)
        {
            start.ArgumentList.Add("--cache-dir");
            start.ArgumentList.Add(moduleCacheDirectory);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var peak = SamplePeakMemoryAsync(process);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        // A guard against a hung process, not a bound on speed: a run with an empty module cache compiles every runtime
        // (ruby.wasm twice, as its module and its snapshot), minutes on a loaded machine.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await process.WaitForExitAsync(timeout.Token);
        return new Run(process.ExitCode, await stdout, await stderr, await peak);
    }

    /// <summary>Reads the process's high-water mark of resident memory every 50 ms until it ends; the last value read.</summary>
    private static async Task<long?> SamplePeakMemoryAsync(Process process)
    {
        long? peak = null;
        while (!process.HasExited)
        {
            try
            {
                var line = File.ReadLines($"/proc/{process.Id}/status").FirstOrDefault(text => text.StartsWith("VmHWM:", StringComparison.Ordinal));
                if (line is not null)
                {
                    peak = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
                }
            }
            catch (IOException)
            {
                // Ended between the check and the read.
            }

            await Task.Delay(50);
        }

        return peak;
    }
}
