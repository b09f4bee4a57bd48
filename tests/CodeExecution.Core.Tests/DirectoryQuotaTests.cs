using CodeExecution.Core.Model;
using CodeExecution.Core.Sandbox;

namespace CodeExecution.Core.Tests;

/// <summary>
/// With <c>allowFileSystem</c> a program may keep at most <see cref="DirectoryQuota.MaxBytes"/> and
/// <see cref="DirectoryQuota.MaxEntries"/> in its directory: past either it is stopped (exit 153, as SIGXFSZ) with an
/// error naming the quota, whether a check catches it running or it ends first.
/// </summary>
[Collection(ExecutorCollection.Name)]
public sealed class DirectoryQuotaTests(ExecutorFixture fixture)
{
    private const string QuotaError = "File system quota exceeded: the program kept more than 64 MB or 1,000 files and directories in /sandbox; it was stopped.";

    private static readonly ExecutionLimits WithFiles = new() { AllowFileSystem = true, TimeoutMs = 10_000 };

    private Task<ExecutionResult> Python(string code) => fixture.RunAsync(ExecutionLanguage.Python, code, limits: WithFiles);

    private static void AssertStoppedByQuota(ExecutionResult result)
    {
        Assert.False(result.Success);
        Assert.Equal(OutcomeMapper.FileSystemQuotaExitCode, result.ExitCode);
        Assert.Equal(QuotaError, result.Error);
        Assert.False(result.Metadata.TimeoutHit);
        Assert.False(result.Metadata.MemoryLimitHit);
    }

    [Fact]
    public async Task WritingPastTheByteQuota_InALoop_StopsTheProgram()
    {
        var result = await Python("""
            chunk = b'x' * 1_000_000
            with open('/sandbox/big.bin', 'wb') as f:
                for i in range(5_000):
                    f.write(chunk)
            print('wrote 5 GB')
            """);

        AssertStoppedByQuota(result);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task OneWritePastTheQuota_ThenExiting_IsStillCaught()
    {
        var result = await Python("open('/sandbox/one.bin', 'wb').write(b'x' * 80_000_000)\nprint('done')");

        AssertStoppedByQuota(result);
    }

    [Fact]
    public async Task CreatingTooManyFiles_StopsTheProgram()
    {
        var result = await Python("""
            import os
            for i in range(100_000):
                open(f'/sandbox/f{i}', 'w').close()
            print('made 100,000 files')
            """);

        AssertStoppedByQuota(result);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task SparseFile_CountsAtItsFullLength()
    {
        var result = await Python("f = open('/sandbox/sparse.bin', 'wb')\nf.seek(100_000_000)\nf.write(b'!')\nf.close()\nprint('sparse')");

        AssertStoppedByQuota(result);
    }

    [Fact]
    public async Task NestingPastTheHostsPathLimit_IsStoppedByTheQuota_AndTheTreeIsRemoved()
    {
        var scratch = Directory.CreateTempSubdirectory("quota-scratch-").FullName;
        ExecutionResult result;

        // An executor of its own, whose scratch folder can be looked at: a guest's directory is deleted after its
        // result is returned, and every deletion is done once the executor is disposed.
        await using (var executor = new CodeExecutor(new CodeExecutorOptions
        {
            ModuleCacheDirectory = ExecutorFixture.ModuleCacheDirectory, ScratchDirectory = scratch, MaxConcurrency = 1,
        }))
        {
            await executor.InitializeAsync();
            result = await executor.ExecuteAsync(new ExecutionRequest { Language = ExecutionLanguage.Python, Limits = WithFiles, Code = """
            import os
            os.mkdir('/sandbox/deep')
            fd = os.open('/sandbox/deep', os.O_RDONLY | os.O_DIRECTORY)
            for _ in range(40):
                os.mkdir('d' * 250, dir_fd=fd)
                fd = os.open('d' * 250, os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
            print('nested', flush=True)
            """ });
        }

        Assert.Equal(OutcomeMapper.FileSystemQuotaExitCode, result.ExitCode);
        Assert.Equal(
            "File system quota exceeded: the program nested directories in /sandbox deeper than the host's path limit (4,096 bytes); it was stopped.",
            result.Error);
        Assert.Empty(Directory.EnumerateFileSystemEntries(scratch));
        Directory.Delete(scratch);
    }

    [Fact]
    public async Task UseWithinTheQuota_Succeeds()
    {
        var result = await Python("""
            import os
            os.mkdir('/sandbox/data')
            for i in range(100):
                with open(f'/sandbox/data/{i}.bin', 'wb') as f:
                    f.write(b'y' * 500_000)
            print(sum(os.path.getsize(f'/sandbox/data/{name}') for name in os.listdir('/sandbox/data')))
            """);

        Assert.True(result.Success, result.Error);
        Assert.Equal("50000000\n", result.Stdout);
        Assert.Equal(100, result.Metadata.FilesCreated);
    }

    [Fact]
    public void Measure_CountsFilesDirectoriesAndLinks_WithoutFollowingLinks()
    {
        var directory = Directory.CreateTempSubdirectory("codeexec-quota-test-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(directory, "sub"));
            File.WriteAllBytes(Path.Combine(directory, "sub", "a.bin"), new byte[1000]);
            File.CreateSymbolicLink(Path.Combine(directory, "big-link"), "/proc/kcore");
            Directory.CreateSymbolicLink(Path.Combine(directory, "root-link"), "/");

            var usage = new DirectoryQuota(directory).Measure();

            Assert.Equal((1000L, 4), (usage.Bytes, usage.Entries));
            Assert.Equal(2, usage.Files);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
