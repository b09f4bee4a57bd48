using System.Diagnostics;
using CodeExecution.Core.Model;

namespace CodeExecution.Core.Tests;

/// <summary>The reference: a program run by the machine's own <c>python3</c> or <c>node</c>, from a file as a user would.</summary>
public static class Native
{
    public sealed record Run(int ExitCode, string Stdout, string Stderr);

    /// <summary>Runs <paramref name="code"/> saved as <paramref name="fileName"/> with <paramref name="interpreter"/>, feeding it <paramref name="input"/>.</summary>
    public static async Task<Run> RunAsync(string interpreter, string fileName, string code, string input = "")
    {
        var directory = Directory.CreateTempSubdirectory("codeexec-native-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, fileName), code);
            var start = new ProcessStartInfo(interpreter)
            {
                WorkingDirectory = directory.FullName,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.ArgumentList.Add(fileName);

            // The sandbox's clock is UTC and its locale en-US: the reference runs with the same.
            start.Environment["TZ"] = "UTC";
            start.Environment["LC_ALL"] = "C.UTF-8";
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await process.WaitForExitAsync(timeout.Token);
            return new Run(process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Runs <paramref name="code"/> as JavaScript in the sandbox and with <c>node main.js</c>: the same exit code and stdout.</summary>
    public static async Task AssertJavaScriptMatchesNodeAsync(ExecutorFixture fixture, string code)
    {
        var result = await fixture.RunAsync(ExecutionLanguage.JavaScript, code);
        var node = await RunAsync("node", "main.js", code);

        Assert.Equal((node.ExitCode, node.Stdout), (result.ExitCode, result.Stdout));
    }
}
