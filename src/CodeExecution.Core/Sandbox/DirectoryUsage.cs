namespace CodeExecution.Core.Sandbox;

/// <summary>
/// What a guest's directory holds: the apparent bytes of its files, its entries (files, directories and links)
/// and, of those, the files (links included, as <c>Directory.EnumerateFiles</c> would list them).
/// </summary>
public readonly record struct DirectoryUsage(long Bytes, int Entries, int Files)
{
    public bool IsOverQuota => Bytes > DirectoryQuota.MaxBytes || Entries > DirectoryQuota.MaxEntries;
}
