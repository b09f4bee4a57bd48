using System.Text;
using CodeExecution.Core.Model;
using Microsoft.Extensions.FileSystemGlobbing;

namespace CodeExecution.Core.Sandbox;

/// <summary>
/// A run's files in its host directory: the request's, written before the guest starts, and those the guest created
/// or changed, read back after it ended.
/// </summary>
public static class SandboxFiles
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    /// <summary>Writes <paramref name="files"/> (validated paths, relative, inside) under <paramref name="directory"/>.</summary>
    public static void Place(string directory, IReadOnlyList<SandboxFile> files)
    {
        foreach (var file in files)
        {
            var path = Path.Combine(directory, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            stream.Write(file.Content.Span);
        }
    }

    /// <summary>
    /// The regular files under <paramref name="directory"/> that the guest created or changed (a given file with
    /// its bytes unchanged is left out), chosen by <paramref name="patterns"/> (all when empty), in ordinal path
    /// order, until the next would take their bytes past <paramref name="maxBytes"/>: then truncated is true.
    /// Symbolic links are neither returned nor followed, and a part the host cannot read is left out. Never throws
    /// for what the guest left there.
    /// </summary>
    public static (IReadOnlyList<OutputFile> Files, bool Truncated) Collect(
        string directory, IReadOnlyList<SandboxFile> given, IReadOnlyList<string> patterns, long maxBytes)
    {
        var candidates = Enumerate(directory);
        if (patterns.Count > 0)
        {
            var matcher = new Matcher(StringComparison.Ordinal);
            matcher.AddIncludePatterns(patterns);
            var chosen = matcher.Match(candidates.Select(c => c.Path)).Files.Select(match => match.Path).ToHashSet(StringComparer.Ordinal);
            candidates = candidates.Where(c => chosen.Contains(c.Path)).ToList();
        }

        var givenByPath = given.ToDictionary(file => file.Path, StringComparer.Ordinal);
        var files = new List<OutputFile>();
        long total = 0;
        foreach (var (path, info) in candidates.OrderBy(c => c.Path, StringComparer.Ordinal))
        {
            try
            {
                if (givenByPath.TryGetValue(path, out var original) && original.Content.Length == info.Length
                    && original.Content.Span.SequenceEqual(File.ReadAllBytes(info.FullName)))
                {
                    continue;
                }

                if (total + info.Length > maxBytes)
                {
                    return (files, true);
                }

                var bytes = File.ReadAllBytes(info.FullName);
                total += bytes.Length;
                files.Add(Describe(path, bytes));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone or unreadable: not returned.
            }
        }

        return (files, false);
    }

    private static OutputFile Describe(string path, byte[] bytes)
    {
        try
        {
            return new OutputFile { Path = path, Size = bytes.Length, Content = StrictUtf8.GetString(bytes), Encoding = FileEncoding.Utf8 };
        }
        catch (DecoderFallbackException)
        {
            return new OutputFile { Path = path, Size = bytes.Length, Content = Convert.ToBase64String(bytes), Encoding = FileEncoding.Base64 };
        }
    }

    /// <summary>The regular files under the directory, with their paths relative to it; links are not followed.</summary>
    private static List<(string Path, FileInfo Info)> Enumerate(string directory)
    {
        var found = new List<(string, FileInfo)>();
        var pending = new Stack<DirectoryInfo>();
        pending.Push(new DirectoryInfo(directory));
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            IEnumerable<FileSystemInfo> entries;
            try
            {
                entries = current.EnumerateFileSystemInfos().ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var entry in entries)
            {
                if (entry.LinkTarget is not null)
                {
                    continue;
                }

                if (entry is DirectoryInfo child)
                {
                    pending.Push(child);
                }
                else if (entry is FileInfo file && (file.Attributes & (FileAttributes.Device | FileAttributes.ReparsePoint)) == 0)
                {
                    found.Add((Path.GetRelativePath(directory, file.FullName).Replace('\\', '/'), file));
                }
            }
        }

        return found;
    }
}
