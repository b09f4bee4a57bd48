using System.Text;

namespace CodeExecution.Testing;

/// <summary>A command in one of the repository's documents, found as written there, for a test to run as a user would.</summary>
public static class DocumentedCommand
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
        if (index < 0)
        {
            throw new InvalidOperationException($"{document} has no line starting with {prefix}");
        }

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
}
