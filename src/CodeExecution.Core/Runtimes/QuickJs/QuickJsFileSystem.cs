using System.Text.Json;
using CodeExecution.Core.Sandbox;

namespace CodeExecution.Core.Runtimes.QuickJs;

/// <summary>
/// The file operations a QuickJS program's <c>fs</c> asks the host for (QuickJS has no file system of its own): on
/// the execution's directory only, seen by the guest as <c>/sandbox</c>, and within its quota. Paths come resolved
/// (absolute, no <c>.</c> or <c>..</c>) from the guest's <c>fs</c>, and are checked again here. A failure is a
/// <see cref="GuestFileException"/> carrying the POSIX code Node would report.
/// </summary>
internal sealed class QuickJsFileSystem(SandboxSession session)
{
    private const string Root = SandboxSettings.SandboxDirectory;

    public byte[] Read(string path)
    {
        var host = HostPath(path);
        if (Directory.Exists(host))
        {
            throw new GuestFileException("EISDIR");
        }

        return Io(() => File.ReadAllBytes(host));
    }

    public void Write(string path, ReadOnlySpan<byte> bytes, bool append)
    {
        var host = HostPath(path);
        if (Directory.Exists(host))
        {
            throw new GuestFileException("EISDIR");
        }

        if (!Directory.Exists(Path.GetDirectoryName(host)))
        {
            throw new GuestFileException(File.Exists(Path.GetDirectoryName(host)) ? "ENOTDIR" : "ENOENT");
        }

        EnsureRoomFor(bytes.Length);
        var copy = bytes.ToArray();
        Io(() =>
        {
            using var stream = new FileStream(host, append ? FileMode.Append : FileMode.Create, FileAccess.Write);
            stream.Write(copy);
            return 0;
        });
        CheckQuota();
    }

    /// <summary>What the path is: <c>{"type":"file"|"directory","size":N,"mtimeMs":T,"birthtimeMs":T}</c>.</summary>
    public string Stat(string path)
    {
        var host = HostPath(path);
        FileSystemInfo info = Directory.Exists(host) ? new DirectoryInfo(host) : File.Exists(host) ? new FileInfo(host) : throw new GuestFileException("ENOENT");
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["type"] = info is DirectoryInfo ? "directory" : "file",
            ["size"] = info is FileInfo file ? file.Length : 4096,
            ["mtimeMs"] = new DateTimeOffset(info.LastWriteTimeUtc).ToUnixTimeMilliseconds(),
            ["birthtimeMs"] = new DateTimeOffset(info.CreationTimeUtc).ToUnixTimeMilliseconds(),
        });
    }

    /// <summary>The directory's entries as <c>[[name, "file"|"directory"], ...]</c>, in byte order as Node's (libuv's) are.</summary>
    public string List(string path)
    {
        var host = HostPath(path);
        if (!Directory.Exists(host))
        {
            throw new GuestFileException(File.Exists(host) ? "ENOTDIR" : "ENOENT");
        }

        var entries = Io(() => new DirectoryInfo(host).EnumerateFileSystemInfos()
            .Select(entry => new[] { entry.Name, entry is DirectoryInfo ? "directory" : "file" })
            .OrderBy(entry => entry[0], StringComparer.Ordinal)
            .ToList());
        return JsonSerializer.Serialize(entries);
    }

    public void MakeDirectory(string path, bool recursive)
    {
        var host = HostPath(path);
        if (File.Exists(host) || (!recursive && Directory.Exists(host)))
        {
            throw new GuestFileException("EEXIST");
        }

        if (!recursive && !Directory.Exists(Path.GetDirectoryName(host)))
        {
            throw new GuestFileException("ENOENT");
        }

        Io(() => Directory.CreateDirectory(host));
        CheckQuota();
    }

    /// <summary>Removes a file (<paramref name="kind"/> "file"), an empty directory ("directory"), or either, with what it holds ("any").</summary>
    public void Remove(string path, string kind)
    {
        var host = HostPath(path);
        if (host == session.HostDirectory)
        {
            throw new GuestFileException("EBUSY");
        }

        if (Directory.Exists(host))
        {
            if (kind == "file")
            {
                throw new GuestFileException("EISDIR");
            }

            if (kind == "directory" && Directory.EnumerateFileSystemEntries(host).Any())
            {
                throw new GuestFileException("ENOTEMPTY");
            }

            Io(() => { Directory.Delete(host, recursive: kind == "any"); return 0; });
        }
        else if (File.Exists(host))
        {
            if (kind == "directory")
            {
                throw new GuestFileException("ENOTDIR");
            }

            Io(() => { File.Delete(host); return 0; });
        }
        else
        {
            throw new GuestFileException("ENOENT");
        }
    }

    public void Rename(string from, string to)
    {
        var source = HostPath(from);
        var target = HostPath(to);
        if (!File.Exists(source) && !Directory.Exists(source))
        {
            throw new GuestFileException("ENOENT");
        }

        if (!Directory.Exists(Path.GetDirectoryName(target)))
        {
            throw new GuestFileException("ENOENT");
        }

        Io(() =>
        {
            if (Directory.Exists(source))
            {
                Directory.Move(source, target);
            }
            else
            {
                File.Move(source, target, overwrite: true);
            }

            return 0;
        });
    }

    public void Copy(string from, string to)
    {
        var bytes = Read(from);
        Write(to, bytes, append: false);
    }

    /// <summary>The host path behind an absolute guest path under <c>/sandbox</c>; ENOENT for any other, or without a file system.</summary>
    private string HostPath(string path)
    {
        if (session.HostDirectory is not { } directory || (path != Root && !path.StartsWith(Root + "/", StringComparison.Ordinal)))
        {
            throw new GuestFileException("ENOENT");
        }

        var relative = path[Root.Length..].TrimStart('/');
        if (relative.Length == 0)
        {
            return directory;
        }

        if (relative.Split('/').Any(part => part is "" or "." or ".." || part.Contains('\0')))
        {
            throw new GuestFileException("ENOENT");
        }

        return Path.Combine(directory, relative);
    }

    /// <summary>Refuses a write that alone would pass the directory's quota, before it is made.</summary>
    private static void EnsureRoomFor(long bytes)
    {
        if (bytes > DirectoryQuota.MaxBytes)
        {
            throw new GuestFileException("ENOSPC");
        }
    }

    /// <summary>Stops the program when what it keeps passes the quota, as the epoch check does for other guests.</summary>
    private void CheckQuota()
    {
        if (session.DirectoryQuota?.Measure().IsOverQuota == true)
        {
            session.Guard.RequestStop(StopReason.FileSystemQuota);
            throw new GuestFileException("ENOSPC", stop: true);
        }
    }

    private static T Io<T>(Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new GuestFileException("ENOENT");
        }
        catch (UnauthorizedAccessException)
        {
            throw new GuestFileException("EACCES");
        }
        catch (PathTooLongException)
        {
            throw new GuestFileException("ENAMETOOLONG");
        }
        catch (IOException)
        {
            throw new GuestFileException("EIO");
        }
    }
}

/// <summary>A file operation the guest asked for failed with <see cref="Code"/>; <see cref="Stop"/> when the program must end (its quota).</summary>
internal sealed class GuestFileException(string code, bool stop = false) : Exception(code)
{
    public string Code { get; } = code;

    public bool Stop { get; } = stop;
}
