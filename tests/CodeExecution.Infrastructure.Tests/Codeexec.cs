using System.Diagnostics;

namespace CodeExecution.Infrastructure.Tests;

/// <summary>
/// Runs the built <c>codeexec</c> from its own output folder (beside these tests the ASP.NET Core framework
/// reference would leave out assemblies it needs) as a separate process, as azd's hook does.
/// </summary>
public static class Codeexec
{
    public sealed record Run(int ExitCode, string Stdout, string Stderr)
    {
        /// <summary>The output lines that start with <paramref name="status"/>.</summary>
        public IReadOnlyList<string> Lines(string status) =>
            Stdout.Split('\n').Where(l => l.StartsWith(status + " ", StringComparison.Ordinal)).Select(l => l.Trim()).ToList();
    }

    public static async Task<Run> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot.Path, "src", "CodeExecution.Cli", "bin", RepositoryRoot.BuildConfiguration, "net10.0", "codeexec.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new Run(process.ExitCode, await stdout, await stderr);
    }
}
