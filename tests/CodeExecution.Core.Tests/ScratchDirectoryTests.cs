using System.Runtime.Versioning;
using CodeExecution.Core.Sandbox;

namespace CodeExecution.Core.Tests;

/// <summary>Runs keep their files in a private folder, made per engine and deleted with it, on memory when there is room.</summary>
[SupportedOSPlatform("linux")]
public sealed class ScratchDirectoryTests
{
    [Fact]
    public void AConfiguredBase_HoldsTheEnginesPrivateFolder_WhichGoesWithTheEngine()
    {
        var configured = Directory.CreateTempSubdirectory("scratch-base-").FullName;
        string scratch;
        using (var engine = new SandboxEngine(maxLiveInstances: 1, scratchBase: configured))
        {
            scratch = engine.ScratchDirectory;
            Assert.Equal(configured, Path.GetDirectoryName(scratch));
            Assert.StartsWith("codeexec-", Path.GetFileName(scratch));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(scratch));
            File.WriteAllText(Path.Combine(scratch, "left-by-a-run"), "x");
        }

        Assert.False(Directory.Exists(scratch));
        Directory.Delete(configured);
    }

    [Fact]
    public void FoldersOfProcessesThatEnded_AreRemoved_ThoseOfRunningOnesKept()
    {
        var configured = Directory.CreateTempSubdirectory("scratch-base-").FullName;
        var ended = Directory.CreateDirectory(Path.Combine(configured, "codeexec-999999999-0123")).FullName;
        File.WriteAllText(Path.Combine(ended, "left-by-a-killed-run"), "x");
        var running = Directory.CreateDirectory(Path.Combine(configured, $"codeexec-{Environment.ProcessId}-4567")).FullName;
        var other = Directory.CreateDirectory(Path.Combine(configured, "not-ours")).FullName;

        using (new SandboxEngine(maxLiveInstances: 1, scratchBase: configured))
        {
            Assert.False(Directory.Exists(ended));
            Assert.True(Directory.Exists(running));
            Assert.True(Directory.Exists(other));
        }

        Directory.Delete(configured, recursive: true);
    }

    [Fact]
    public void SharedMemory_IsChosenOnlyWithRoomForEveryRunsFullQuotaTwice()
    {
        var drive = new DriveInfo(ScratchDirectory.SharedMemory);
        Assert.True(drive.IsReady && drive.DriveFormat == "tmpfs", "these tests expect Linux's /dev/shm");
        var runsThatFit = drive.AvailableFreeSpace / (2 * DirectoryQuota.MaxBytes);

        // Wide of the line: other tests use /dev/shm meanwhile.
        Assert.Equal(Path.GetTempPath(), ScratchDirectory.ChooseBase((int)Math.Min(int.MaxValue, (runsThatFit * 4) + 1_000)));
        if (runsThatFit >= 100)
        {
            Assert.Equal(ScratchDirectory.SharedMemory, ScratchDirectory.ChooseBase(1));
        }
    }
}
