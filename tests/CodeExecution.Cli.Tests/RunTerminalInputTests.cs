using System.Diagnostics;

namespace CodeExecution.Cli.Tests;

/// <summary>
/// <c>codeexec run</c> under a terminal (a pseudo-terminal that python3's <c>pty</c> module drives): a line typed once
/// the program's prompt has appeared reaches its <c>input()</c>.
/// </summary>
public sealed class RunTerminalInputTests
{
    /// <summary>
    /// Starts codeexec on a pseudo-terminal, waits for <c>PROMPT</c> in what it writes, types <c>ANSWER</c>, and copies
    /// everything written to stdout; exits with codeexec's exit code.
    /// </summary>
    private const string Driver = """
        import os, pty, sys
        prompt, answer, argv = sys.argv[1].encode(), sys.argv[2].encode(), sys.argv[3:]
        pid, fd = pty.fork()
        if pid == 0:
            os.execvp(argv[0], argv)
        seen, typed = b'', False
        while True:
            try:
                data = os.read(fd, 4096)
            except OSError:
                break
            if not data:
                break
            seen += data
            if not typed and prompt in seen:
                os.write(fd, answer)
                typed = True
        sys.stdout.write(seen.decode(errors='replace'))
        sys.exit(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
        """;

    [Fact]
    public async Task ALineTypedAtThePrompt_ReachesInput_AndTheProgramAnswers()
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-c", Driver, "name? ", "Ada\n", "dotnet", Codeexec.DllPath, "--cache-dir", Codeexec.SharedModuleCacheDirectory,
            "run", "-l", "python", "--code", "name = input('name? ')\nprint('hi', name)" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var terminal = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        // The terminal shows the prompt, the typed line as it echoes it, and the answer (its line ends are \r\n).
        var shown = terminal[terminal.IndexOf("name? ", StringComparison.Ordinal)..];
        Assert.Equal("name? Ada\r\nhi Ada\r\n", shown);
        Assert.Equal("", await stderr);
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public async Task PipedStdin_IsTheInputAsBefore()
    {
        var run = await Codeexec.RunAsync(
            ["run", "-l", "python", "--code", "name = input('name? ')\nprint('hi', name)\nimport sys\nprint(repr(sys.stdin.read()))"],
            stdin: "Ada\nrest\n", moduleCacheDirectory: Codeexec.SharedModuleCacheDirectory);

        Assert.Equal((0, "name? hi Ada\n'rest\\n'\n", ""), (run.ExitCode, run.Stdout, run.Stderr));
    }
}
