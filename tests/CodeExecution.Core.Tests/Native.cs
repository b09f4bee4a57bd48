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
            return await RunInAsync(directory.FullName, interpreter, fileName, input);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<Run> RunInAsync(string directory, string interpreter, string fileName, string input)
    {
        var start = new ProcessStartInfo(interpreter)
        {
            WorkingDirectory = directory,
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

    /// <summary>
    /// Runs a program of several files as a user would: <paramref name="files"/> written to a fresh directory, then
    /// <c>interpreter entry</c> there. Returns how it ended and the files it created or changed (paths relative, '/'
    /// separators; Python's <c>__pycache__</c> left out).
    /// </summary>
    public static async Task<(Run Run, IReadOnlyDictionary<string, byte[]> Changed)> RunProjectAsync(
        string interpreter, string entry, IReadOnlyList<ExecutionFile> files, string input = "")
    {
        var directory = Directory.CreateTempSubdirectory("codeexec-native-");
        try
        {
            var given = new Dictionary<string, byte[]>();
            foreach (var file in files)
            {
                var bytes = file.Encoding == FileEncoding.Base64 ? Convert.FromBase64String(file.Content) : System.Text.Encoding.UTF8.GetBytes(file.Content);
                var path = Path.Combine(directory.FullName, file.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllBytesAsync(path, bytes);
                given[file.Path] = bytes;
            }

            var run = await RunInAsync(directory.FullName, interpreter, entry, input);
            var changed = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var path in Directory.EnumerateFiles(directory.FullName, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(directory.FullName, path).Replace('\\', '/');
                var bytes = await File.ReadAllBytesAsync(path);
                if (!relative.Split('/').Contains("__pycache__") && !(given.TryGetValue(relative, out var before) && before.AsSpan().SequenceEqual(bytes)))
                {
                    changed[relative] = bytes;
                }
            }

            return (run, changed);
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
