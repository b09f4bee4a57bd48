namespace CodeExecution.Core.Sandbox;

/// <summary>
/// Deletes a guest's directory, whatever the guest built in it. A guest can nest directories past the host's path
/// limit (it opens each level relative to the last, as WASI does), where deleting by full path fails; so no path
/// here is longer than the root and two names: each directory directly under the root is emptied by moving its
/// subdirectories up to the root and deleting its files, then removed, until the root is empty.
/// </summary>
/// <remarks>
/// Runs after the guest has ended, so nothing changes the tree meanwhile. Links are removed, never followed. Never
/// throws: what it cannot remove is left for the OS's temporary-file cleanup.
/// </remarks>
public static class GuestDirectoryRemover
{
    /// <summary>Removes <paramref name="root"/> and everything under it; false when something was left.</summary>
    public static bool TryDelete(string root)
    {
        try
        {
            // The usual tree goes at once (links are removed, not followed); one nested past the path limit does not.
            Directory.Delete(root, recursive: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // Level by level, below.
        }

        try
        {
            // Each pass removes every directory directly under the root and brings their subdirectories up a level,
            // so the passes end: every directory is moved at most once before it is removed.
            while (Directory.Exists(root) && EmptyOneLevel(root))
            {
            }

            Directory.Delete(root);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Deletes the root's files and links, empties and removes its directories; true when it found any.</summary>
    private static bool EmptyOneLevel(string root)
    {
        var foundDirectories = false;
        foreach (var entry in new DirectoryInfo(root).GetFileSystemInfos())
        {
            if (!IsDirectory(entry))
            {
                entry.Delete();
                continue;
            }

            foundDirectories = true;
            foreach (var child in ((DirectoryInfo)entry).GetFileSystemInfos())
            {
                if (IsDirectory(child))
                {
                    // Up to the root, under a fresh name, to be emptied in the next pass.
                    ((DirectoryInfo)child).MoveTo(Path.Combine(root, Guid.NewGuid().ToString("N")));
                }
                else
                {
                    child.Delete();
                }
            }

            ((DirectoryInfo)entry).Delete();
        }

        return foundDirectories;
    }

    private static bool IsDirectory(FileSystemInfo entry) =>
        entry is DirectoryInfo && (entry.Attributes & FileAttributes.ReparsePoint) == 0;
}
