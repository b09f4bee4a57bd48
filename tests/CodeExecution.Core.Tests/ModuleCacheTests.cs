using CodeExecution.Core.Model;
using CodeExecution.Core.Runtimes;
using CodeExecution.Core.Runtimes.Modules;

namespace CodeExecution.Core.Tests;

public sealed class ModuleCacheTests : IDisposable
{
    private readonly string _cacheDirectory = Directory.CreateTempSubdirectory("codeexec-cache-test-").FullName;

    public void Dispose() => Directory.Delete(_cacheDirectory, recursive: true);

    /// <summary>python.wasm's own precompiled artifact (its snapshot is kept beside it).</summary>
    private string[] ModuleArtifacts() =>
        Directory.GetFiles(_cacheDirectory, "python-*.cwasm").Where(path => !Path.GetFileName(path).StartsWith("python-snapshot-", StringComparison.Ordinal)).ToArray();

    private async Task<(string Source, ExecutionResult Result)> StartAndRunAsync()
    {
        await using var executor = new CodeExecutor(new CodeExecutorOptions { ModuleCacheDirectory = _cacheDirectory, MaxConcurrency = 1 });
        await executor.InitializeAsync();
        var result = await executor.ExecutePythonAsync("print('cached?')");
        return (executor.GetEnvironmentInfo(ExecutionLanguage.Python).Source!, result);
    }

    [Fact]
    public async Task PrecompiledModule_IsWrittenByTheFirstStart_AndDeserializedByTheNext()
    {
        var first = await StartAndRunAsync();
        var second = await StartAndRunAsync();

        Assert.StartsWith("compiled: ", first.Source);
        Assert.StartsWith("precompiled: disk cache ", second.Source);
        Assert.Equal("cached?\n", first.Result.Stdout);
        Assert.Equal("cached?\n", second.Result.Stdout);
        var artifact = Assert.Single(ModuleArtifacts());
        Assert.True(File.Exists(artifact + ".sha256"));
        var snapshot = Assert.Single(Directory.GetFiles(_cacheDirectory, "python-snapshot-*.cwasm"));
        Assert.True(File.Exists(snapshot + ".sha256"));
    }

    [Fact]
    public async Task CorruptPrecompiledModule_IsDetectedAndRebuilt()
    {
        await StartAndRunAsync();
        var artifact = Assert.Single(ModuleArtifacts());
        var bytes = await File.ReadAllBytesAsync(artifact);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(artifact, bytes);

        var rebuilt = await StartAndRunAsync();
        var after = await StartAndRunAsync();

        Assert.StartsWith("compiled: ", rebuilt.Source);
        Assert.Equal("cached?\n", rebuilt.Result.Stdout);
        Assert.StartsWith("precompiled: ", after.Source);
    }

    [Fact]
    public async Task TruncatedPrecompiledModule_WithMatchingHash_IsRejectedByWasmtimeAndRebuilt()
    {
        await StartAndRunAsync();
        var artifact = Assert.Single(ModuleArtifacts());
        var truncated = (await File.ReadAllBytesAsync(artifact))[..4096];
        await new DiskPrecompiledModuleStore(_cacheDirectory).PutAsync(Path.GetFileNameWithoutExtension(artifact), PrecompiledArtifact.From(truncated), default);

        var rebuilt = await StartAndRunAsync();

        Assert.StartsWith("compiled: ", rebuilt.Source);
        Assert.Equal("cached?\n", rebuilt.Result.Stdout);
    }

    [Fact]
    public void RuntimeFiles_EveryManifestFile_IsCopiedNextToTheManifest()
    {
        var catalog = RuntimeCatalog.Load();

        foreach (var runtime in catalog.Manifest.Runtimes)
        {
            Assert.True(File.Exists(Path.Combine(catalog.Directory, runtime.File)), $"{runtime.File} is not in the build output; add it to RuntimeFile in CodeExecution.Core.csproj.");
            foreach (var asset in runtime.Assets)
            {
                Assert.True(File.Exists(Path.Combine(catalog.Directory, asset.File)), $"{asset.File} is not in the build output.");
            }
        }
    }

    [Fact]
    public void ReadVerified_FileWithWrongHash_IsRefused()
    {
        var catalog = RuntimeCatalog.Load();
        var runtime = catalog.Manifest.Runtimes[0];

        var error = Assert.Throws<RuntimeUnavailableException>(() => catalog.ReadVerified(runtime.File, new string('0', 64)));

        Assert.Contains("refusing to load it", error.Message);
    }
}
