using System.Diagnostics;
using System.IO.Enumeration;

namespace CodeExecution.Core.Sandbox;

/// <summary>
/// How much a guest may keep in its directory (<c>allowFileSystem</c>): the host's disk is shared by every execution,
/// so bytes and entries are capped. Measured on the guest's thread at most every <see cref="CheckInterval"/> while
/// it runs, and once more when it ends (that last measure also counts the files it created).
/// </summary>
/// <remarks>
/// A guest is stopped at the first check over the quota, so it can overshoot by what it writes between two checks
/// or in one write call (bounded by its memory limit). Sizes are apparent lengths, so sparse files count in full;
/// symbolic links count as entries and are never followed.
/// </remarks>
public sealed class DirectoryQuota(string directory)
{
    public const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>Files, directories and links together.</summary>
    public const int MaxEntries = 1_000;

    public static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(20);

    private long _lastCheck = Stopwatch.GetTimestamp();

    public static string Description => $"{MaxBytes / (1024 * 1024)} MB or {MaxEntries:N0} files and directories";

    /// <summary>True when a check is due and finds the quota exceeded.</summary>
    public bool ExceededOnTick()
    {
        if (Stopwatch.GetElapsedTime(_lastCheck) < CheckInterval)
        {
            return false;
        }

        _lastCheck = Stopwatch.GetTimestamp();
        return Measure().IsOverQuota;
    }

    public DirectoryUsage Measure()
    {
        if (!Directory.Exists(directory))
        {
            return default;
        }

        var entries = new FileSystemEnumerable<(long Length, bool IsFile)>(
            directory,
            (ref FileSystemEntry entry) => (entry.IsDirectory || (entry.Attributes & FileAttributes.ReparsePoint) != 0 ? 0 : entry.Length, !entry.IsDirectory),
            new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true })
        {
            ShouldRecursePredicate = (ref FileSystemEntry entry) => (entry.Attributes & FileAttributes.ReparsePoint) == 0,
        };
        var usage = default(DirectoryUsage);
        foreach (var (length, isFile) in entries)
        {
            usage = new DirectoryUsage(usage.Bytes + length, usage.Entries + 1, usage.Files + (isFile ? 1 : 0));
        }

        return usage;
    }
}
