using System.Diagnostics;
using System.Reflection;

namespace CodeExecution.Infrastructure.Tests;

/// <summary>The Bicep CLI from the <c>Azure.Bicep.CommandLine.linux-x64</c> package that restore brought.</summary>
public static class Bicep
{
    public sealed record Run(int ExitCode, string Stdout, string Stderr);

    public static string ExecutablePath { get; } =
        typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value
        ?? throw new InvalidOperationException("No BicepPath in the test assembly's metadata.");

    public static string InfraDirectory => Path.Combine(RepositoryRoot.Path, "infra");

    public static async Task<Run> RunAsync(params string[] args)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"{ExecutablePath} is missing; restore the test project.");
        }

        var start = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = InfraDirectory,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // No telemetry and no update checks from a test run.
        start.Environment["BICEP_TRACING_ENABLED"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Run(process.ExitCode, await stdout, await stderr);
    }
}
