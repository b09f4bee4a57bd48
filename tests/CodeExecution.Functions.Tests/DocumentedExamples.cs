using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace CodeExecution.Functions.Tests;

/// <summary>
/// A command in a document, as written there, and the answer its comment lines show: run with bash, its output is
/// held to that answer.
/// </summary>
public static class DocumentedExamples
{
    /// <summary>
    /// The command that starts with <paramref name="prefix"/> in a document (with its continued lines: after a
    /// backslash, or inside single quotes), and the answer
    /// its comments show, one line per comment line; a comment line indented past <c>#</c> and one space continues
    /// the line before it (a long JSON answer wrapped in the document).
    /// </summary>
    public static (string Command, List<string> Answer) Find(string document, string prefix)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, document));
        var index = Array.FindIndex(lines, l => l.StartsWith(prefix, StringComparison.Ordinal));
        Assert.True(index >= 0, $"{document} has no line starting with {prefix}");
        // A command goes on past a line ending in a backslash, and past one that leaves a single quote open.
        var command = new StringBuilder();
        do
        {
            command.AppendLine(lines[index++]);
        }
        while (command.ToString().TrimEnd().EndsWith('\\') || command.ToString().Count(c => c == '\'') % 2 == 1);
        var answer = new List<string>();
        foreach (var line in lines.Skip(index).TakeWhile(l => l.StartsWith('#')))
        {
            if (line.StartsWith("#  ", StringComparison.Ordinal) && answer.Count > 0)
            {
                answer[^1] += line.TrimStart('#').TrimStart();
            }
            else
            {
                answer.Add(line.Length > 1 ? line[2..] : "");
            }
        }

        return (command.ToString(), answer);
    }

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
