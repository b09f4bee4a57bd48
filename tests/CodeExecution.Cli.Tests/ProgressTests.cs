using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CodeExecution.Cli.Tests;

/// <summary>
/// <c>codeexec batch</c> shows progress on stderr, redrawn on a terminal and as plain lines elsewhere, and leaves
/// stdout the results alone. The first request sleeps 1.2 s, longer than the reporter waits between two lines or
/// redraws, so the line after it is certain to be shown; the figures in it depend on the machine and are matched loosely.
/// </summary>
public sealed partial class ProgressTests
{
    private const string Rate = @"\d+\.\d/(s|min)";

    private static readonly string Batch = string.Join('\n',
        """{"code":"import time; time.sleep(1.2); print(1)","language":"python"}""",
        "",
        """{"code":"import sys; sys.exit(2)","language":"python"}""",
        """{"code":"console.log(3)","language":"javascript"}""") + "\n";

    private static string WriteBatch()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("codeexec-progress-").FullName, "requests.jsonl");
        File.WriteAllText(path, Batch);
        return path;
    }

    [Fact]
    public async Task Batch_StderrNotATerminal_WritesPlainLines_AndStdoutIsTheResultsAsWithoutProgress()
    {
        var file = WriteBatch();

        var run = await Codeexec.RunAsync(["batch", file, "-j", "2"], moduleCacheDirectory: Codeexec.SharedModuleCacheDirectory);
        var quiet = await Codeexec.RunAsync(["batch", file, "-j", "2", "--no-progress"], moduleCacheDirectory: Codeexec.SharedModuleCacheDirectory);

        Assert.Equal((0, 0), (run.ExitCode, quiet.ExitCode));
        Assert.Matches(
            $@"^batch: 1/3 done, 0 failed, {Rate}, about \d+ s left\n(batch: 2/3 done, 1 failed, {Rate}, about \d+ s left\n)?" +
            $@"batch: 3/3 done, 1 failed in \d+\.\d s \({Rate}\)\n$",
            run.Stderr);
        Assert.Equal("", quiet.Stderr);
        Assert.Equal(["1\n", "", "3\n"], Results(run.Stdout).Select(result => result.GetProperty("stdout").GetString()));
        Assert.Equal(WithoutTimes(quiet.Stdout), WithoutTimes(run.Stdout));
    }

    [Fact]
    public async Task Batch_StderrATerminal_RedrawsOneLineInPlace_AndLeavesTheFinalLine()
    {
        var run = await RunOnTerminalAsync(stdoutToo: false, "batch", WriteBatch(), "-j", "2");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["1\n", "", "3\n"], Results(run.Stdout).Select(result => result.GetProperty("stdout").GetString()));
        // One line, redrawn after a carriage return and cleared to its end; the terminal turns the last \n into \r\n.
        Assert.Matches(
            $@"^\rbatch: 0/3 done, 0 failed\e\[K\rbatch: 1/3 done, 0 failed, {Rate}, about \d+ s left\e\[K" +
            $@"(\rbatch: [23]/3 done, 1 failed, {Rate}(, about \d+ s left)?\e\[K)*" +
            $@"\rbatch: 3/3 done, 1 failed in \d+\.\d s \({Rate}\)\e\[K\r\n$",
            run.Terminal);
    }

    [Fact]
    public async Task Batch_StdoutOnTheSameTerminal_StartsEachResultOnALineOfItsOwn()
    {
        var run = await RunOnTerminalAsync(stdoutToo: true, "batch", WriteBatch(), "-j", "2");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(3, Regex.Count(run.Terminal, """\{"success":"""));
        Assert.Equal(3, Regex.Count(run.Terminal, """\r\e\[K\{"success":"""));
        Assert.Matches($@"\rbatch: 3/3 done, 1 failed in \d+\.\d s \({Rate}\)\e\[K\r\n$", run.Terminal);
    }

    private static List<JsonElement> Results(string stdout) =>
        stdout.TrimEnd('\n').Split('\n').Select(line => JsonDocument.Parse(line).RootElement).ToList();

    /// <summary>The results with their timings and memory zeroed: all that may differ between two runs.</summary>
    private static string WithoutTimes(string stdout) => Timings().Replace(stdout, "\"$1\":0");

    [GeneratedRegex(@"""(executionTime|memoryUsed|startTime|endTime|\w+Ms)"":[0-9.]+")]
    private static partial Regex Timings();

    private sealed record TerminalRun(int ExitCode, string Terminal, string Stdout);

    /// <summary>Runs codeexec with its stderr (and stdout too when <paramref name="stdoutToo"/>) on a pseudo-terminal, through python3's pty module.</summary>
    private static async Task<TerminalRun> RunOnTerminalAsync(bool stdoutToo, params string[] args)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "run_in_terminal.py"));
        if (stdoutToo)
        {
            start.ArgumentList.Add("--both");
        }

        foreach (var arg in new[] { "dotnet", Codeexec.DllPath, "--cache-dir", Codeexec.SharedModuleCacheDirectory }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"run_in_terminal.py exited {process.ExitCode}: {await stderr}");
        using var answer = JsonDocument.Parse(await stdout);
        var root = answer.RootElement;
        return new TerminalRun(root.GetProperty("exitCode").GetInt32(), root.GetProperty("terminal").GetString()!, root.GetProperty("stdout").GetString()!);
    }
}
