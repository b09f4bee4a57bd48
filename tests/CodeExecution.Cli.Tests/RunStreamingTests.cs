using System.Diagnostics;

namespace CodeExecution.Cli.Tests;

/// <summary><c>codeexec run</c> passes the program's output on as it is written, not when the program ends.</summary>
public sealed class RunStreamingTests
{
    [Fact]
    public async Task APrintBeforeASleep_IsOnCodeexecsStdout_WhileTheProgramStillRuns()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Codeexec.DllPath, "--cache-dir", Codeexec.SharedModuleCacheDirectory, "run", "-l", "python", "--code",
            "import sys, time\nprint('first', flush=True)\ntime.sleep(2)\nprint('second')\nprint('err', file=sys.stderr)" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var first = await process.StandardOutput.ReadLineAsync();
        var stillRunning = !process.HasExited;
        var rest = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal("first", first);
        Assert.True(stillRunning, "the first line came only when the program had ended");
        Assert.Equal("second\n", rest);
        Assert.Equal("err\n", await stderr);
        Assert.Equal(0, process.ExitCode);
    }
}
