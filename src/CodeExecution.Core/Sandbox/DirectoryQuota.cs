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

    /// <summary>
    /// The host's path limit (Linux's PATH_MAX): a tree whose paths are longer cannot be measured, so nesting that
    /// deep counts as over the quota.
    /// </summary>
    public const int MaxPathBytes = 4096;

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

    /// <summary>
    /// What the directory holds now. Never throws: a part it cannot read (a guest can nest directories, each opened
    /// relative to the last, past the host's path limit) makes the usage <see cref="DirectoryUsage.Unreadable"/>.
    /// </summary>
    public DirectoryUsage Measure()
    {
        if (!Directory.Exists(directory))
        {
            return default;
        }

        using var entries = new UsageEnumerator(directory);
        var usage = default(DirectoryUsage);
        while (entries.MoveNext())
        {
            var (length, isFile) = entries.Current;
            usage = usage with { Bytes = usage.Bytes + length, Entries = usage.Entries + 1, Files = usage.Files + (isFile ? 1 : 0) };
        }

        return usage with { Unreadable = entries.Failed };
    }

    /// <summary>Every entry under a directory, links not followed, going on past errors and remembering them.</summary>
    private sealed class UsageEnumerator(string directory)
        : FileSystemEnumerator<(long Length, bool IsFile)>(directory, new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
    {
        public bool Failed { get; private set; }

        protected override (long Length, bool IsFile) TransformEntry(ref FileSystemEntry entry) =>
            (entry.IsDirectory || IsLink(ref entry) ? 0 : entry.Length, !entry.IsDirectory);

        protected override bool ShouldRecurseIntoEntry(ref FileSystemEntry entry) => !IsLink(ref entry);

        protected override bool ContinueOnError(int error)
        {
            Failed = true;
            return true;
        }

        private static bool IsLink(ref FileSystemEntry entry) => (entry.Attributes & FileAttributes.ReparsePoint) != 0;
    }
}
