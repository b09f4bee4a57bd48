using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace CodeExecution.Functions.Tests;

/// <summary>
/// A command in a document, as written there (<see cref="DocumentedCommand.Find"/>), and the answer its comment lines
/// show: run with bash, its output is held to that answer.
/// </summary>
public static class DocumentedExamples
{
    /// <summary>Runs a documented command with bash and these environment variables; its stdout, lines without <c>\r</c>.</summary>
    public static async Task<List<string>> RunAsync(string command, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("bash", ["-c", command]) { RedirectStandardOutput = true };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var bash = Process.Start(start)!;
        var output = await bash.StandardOutput.ReadToEndAsync();
        await bash.WaitForExitAsync();
        Assert.Equal(0, bash.ExitCode);
        return output.Replace("\r", "", StringComparison.Ordinal).TrimEnd('\n').Split('\n').ToList();
    }

    /// <summary>
    /// Each documented line is one of the output's lines, in order (the output may have more, such as headers);
    /// a <c>…</c> in a documented line stands for any text.
    /// </summary>
    public static void AssertShows(IReadOnlyList<string> documented, IReadOnlyList<string> output)
    {
        var next = 0;
        foreach (var expected in documented)
        {
            var pattern = new Regex("^" + string.Join(".*", expected.Split('…').Select(Regex.Escape)) + "$");
            while (next < output.Count && !pattern.IsMatch(output[next]))
            {
                next++;
            }

            Assert.True(next < output.Count, $"The output does not show the documented line\n{expected}\nafter the lines before it:\n{string.Join('\n', output)}");
            next++;
        }
    }
}
