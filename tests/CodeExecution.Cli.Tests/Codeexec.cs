using System.Diagnostics;

namespace CodeExecution.Cli.Tests;

/// <summary>Runs the built <c>codeexec</c> as a separate process, as a user would.</summary>
internal static class Codeexec
{
    public static readonly string ModuleCacheDirectory = Path.Combine(Path.GetTempPath(), "codeexec-tests", "modules");

    public sealed record Run(int ExitCode, string Stdout, string Stderr);

    public static async Task<Run> RunAsync(string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "codeexec.dll"));
        if (!args.Contains("--cache-dir"))
        {
            start.ArgumentList.Add("--cache-dir");
            start.ArgumentList.Add(ModuleCacheDirectory);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Run(process.ExitCode, await stdout, await stderr);
    }
}
