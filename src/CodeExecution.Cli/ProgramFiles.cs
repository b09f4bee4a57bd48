using System.Text;
using CodeExecution.Core.Errors;
using CodeExecution.Core.Model;

namespace CodeExecution.Cli;

/// <summary>The files <c>codeexec run</c> gives a program (a directory's, or <c>--file</c>s) and writes back (<c>--out-dir</c>).</summary>
internal static class ProgramFiles
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    /// <summary>Folders of a project that are not its program: version control, caches, installed packages.</summary>
    private static readonly HashSet<string> Skipped = [".git", ".hg", ".svn", "__pycache__", "node_modules", ".venv", ".mypy_cache", ".pytest_cache"];

    /// <summary>Every file under <paramref name="directory"/>, at its path relative to it.</summary>
    public static IEnumerable<ExecutionFile> FromDirectory(string directory)
    {
        var root = Path.GetFullPath(directory);
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            foreach (var child in Directory.EnumerateDirectories(current).Order(StringComparer.Ordinal))
            {
                if (!Skipped.Contains(Path.GetFileName(child)) && new DirectoryInfo(child).LinkTarget is null)
                {
                    pending.Push(child);
                }
            }

            foreach (var file in Directory.EnumerateFiles(current).Order(StringComparer.Ordinal))
            {
                yield return Read(file, Path.GetRelativePath(root, file).Replace('\\', '/'));
            }
        }
    }

    /// <summary>A <c>--file</c>: placed at the path given when it is relative and stays below here, else under its name.</summary>
    public static ExecutionFile FromFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidRequestError($"--file {path}: no such file.", "files");
        }

        var relative = path.Replace('\\', '/');
        while (relative.StartsWith("./", StringComparison.Ordinal))
        {
            relative = relative[2..];
        }

        var inside = !Path.IsPathRooted(path) && !relative.Split('/').Any(part => part is ".." or "." or "");
        return Read(path, inside ? relative : Path.GetFileName(path));
    }

    /// <summary>The program among a directory's files when --entry does not name it: main.py, main.js, main.mjs or main.ts.</summary>
    public static string? DefaultEntry(IReadOnlyCollection<ExecutionFile> files) =>
        new[] { "main.py", "main.js", "main.mjs", "main.ts", "main.rb" }.FirstOrDefault(name => files.Any(file => file.Path == name));

    /// <summary>Writes the returned files under <paramref name="directory"/>, each at its path (never outside it).</summary>
    public static void WriteOut(string directory, IReadOnlyList<OutputFile> files)
    {
        var root = Path.GetFullPath(directory);
        foreach (var file in files)
        {
            var target = Path.GetFullPath(Path.Combine(root, file.Path));
            if (!target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, file.Encoding == FileEncoding.Base64 ? Convert.FromBase64String(file.Content) : Encoding.UTF8.GetBytes(file.Content));
        }
    }

    private static ExecutionFile Read(string file, string path)
    {
        var bytes = File.ReadAllBytes(file);
        try
        {
            return new ExecutionFile { Path = path, Content = StrictUtf8.GetString(bytes) };
        }
        catch (DecoderFallbackException)
        {
            return new ExecutionFile { Path = path, Content = Convert.ToBase64String(bytes), Encoding = FileEncoding.Base64 };
        }
    }
}
