namespace CodeExecution.Core.Sandbox;

/// <summary>
/// What a guest's directory holds: the apparent bytes of its files, its entries (files, directories and links)
/// and, of those, the files (links included, as <c>Directory.EnumerateFiles</c> would list them); and whether some of
/// it could not be read (directories nested past the host's path limit), which is over the quota too.
/// </summary>
public readonly record struct DirectoryUsage(long Bytes, int Entries, int Files, bool Unreadable = false)
{
    public bool IsOverQuota => Unreadable || Bytes > DirectoryQuota.MaxBytes || Entries > DirectoryQuota.MaxEntries;
}
