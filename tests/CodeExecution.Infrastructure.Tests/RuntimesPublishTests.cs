using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CodeExecution.Core;
using CodeExecution.Core.Model;
using CodeExecution.Core.Runtimes;
using CodeExecution.Core.Runtimes.Modules;
using CodeExecution.Core.Sandbox;
using CodeExecution.Storage;
using CodeExecution.Storage.Runtimes;
using Microsoft.Extensions.Logging.Abstractions;

namespace CodeExecution.Infrastructure.Tests;

public sealed class RuntimesPublishTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly RuntimeCatalog Catalog = RuntimeCatalog.Load();

    private string ConnectionString => azurite.ConnectionString;

    [Fact]
    public async Task Publish_EmptyContainer_UploadsEveryWasmAndArtifactWithSha256Metadata()
    {
        var container = azurite.Published;
        var publish = azurite.FirstPublish;
        Assert.True(publish.ExitCode == 0, publish.Stdout + publish.Stderr);

        var blobs = await ListAsync(container);
        foreach (var runtime in Catalog.Manifest.Runtimes)
        {
            var wasm = blobs[RuntimeBlobs.WasmBlobName(runtime)];
            Assert.Equal(runtime.Sha256, wasm.Metadata[StorageNames.Sha256Metadata]);
            Assert.Equal(runtime.Sha256, await ContentSha256Async(container, wasm.Name));
            Assert.Contains(BlobPrecompiledModuleStore.BlobName(ModuleLoader.ArtifactKey(runtime)), blobs.Keys);
        }

        // The modules and the QuickJS images (JavaScript, TypeScript), each keyed for this engine, hash-checked.
        var artifacts = blobs.Values.Where(b => b.Name.StartsWith(StorageNames.PrecompiledPrefix, StringComparison.Ordinal)).ToList();
        Assert.True(artifacts.Count >= Catalog.Manifest.Runtimes.Count + 2, string.Join(", ", artifacts.Select(a => a.Name)));
        Assert.Contains(artifacts, a => a.Name.StartsWith($"{StorageNames.PrecompiledPrefix}quickjs-typescript-", StringComparison.Ordinal));
        Assert.All(artifacts, a => Assert.EndsWith($"-{SandboxEngine.Fingerprint}.cwasm", a.Name));
        Assert.Contains($"wasmtime{SandboxEngine.WasmtimeVersion}-", SandboxEngine.Fingerprint);
        Assert.Matches(@"^\d+\.\d+\.\d+", SandboxEngine.WasmtimeVersion);
        foreach (var artifact in artifacts)
        {
            Assert.Equal(artifact.Metadata[StorageNames.Sha256Metadata], await ContentSha256Async(container, artifact.Name));
        }

        Assert.Equal(blobs.Count, publish.Lines("uploaded").Count);
        Assert.EndsWith("ok", publish.Stdout.Trim());
    }

    [Fact]
    public async Task App_OnPublishedContainer_LoadsEveryLanguagePrecompiled_AndWritesNothing()
    {
        var container = azurite.Published;
        var before = (await ListAsync(container)).ToDictionary(b => b.Key, b => b.Value.Properties.ETag);

        // The app's executor over the app's Blob store: every language must come from the published artifacts.
        var store = new BlobPrecompiledModuleStore(new BlobContainerClient(ConnectionString, container), NullLogger<BlobPrecompiledModuleStore>.Instance);
        await using var executor = new CodeExecutor(new CodeExecutorOptions { MaxConcurrency = 1 }, store);
        await executor.InitializeAsync();
        foreach (var language in Enum.GetValues<ExecutionLanguage>())
        {
            var info = executor.GetEnvironmentInfo(language);
            Assert.True(info.Available, $"{language}: {info.Reason}");
        }

        var python = executor.GetEnvironmentInfo(ExecutionLanguage.Python);
        Assert.StartsWith("precompiled", python.Source, StringComparison.Ordinal);
        var after = (await ListAsync(container)).ToDictionary(b => b.Key, b => b.Value.Properties.ETag);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Publish_Twice_LeavesEverythingAsItWas()
    {
        var container = await azurite.CopyOfPublishedAsync();
        var before = (await ListAsync(container)).ToDictionary(b => b.Key, b => b.Value.Properties.ETag);

        var again = await Codeexec.RunAsync(["runtimes", "publish", "--connection-string", ConnectionString, "--container", container]);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(before.Count, again.Lines("present").Count);
        Assert.Empty(again.Lines("uploaded"));
        Assert.Equal(before, (await ListAsync(container)).ToDictionary(b => b.Key, b => b.Value.Properties.ETag));
    }

    [Fact]
    public async Task Verify_PublishedContainer_Passes()
    {
        var container = azurite.Published;
        var verify = await Codeexec.RunAsync(["runtimes", "verify", "--connection-string", ConnectionString, "--container", container]);
        Assert.True(verify.ExitCode == 0, verify.Stdout + verify.Stderr);
        Assert.Equal((await ListAsync(container)).Count, verify.Lines("ok").Count);
        Assert.Empty(verify.Lines("FAILED"));
    }

    [Fact]
    public async Task Verify_EmptyContainer_FailsNamingEveryMissingBlob()
    {
        var container = AzuriteFixture.UniqueContainer();
        await new BlobContainerClient(ConnectionString, container).CreateAsync();

        var verify = await Codeexec.RunAsync(["runtimes", "verify", "--connection-string", ConnectionString, "--container", container]);
        Assert.Equal(1, verify.ExitCode);
        var failed = verify.Lines("FAILED");
        Assert.True(failed.Count >= (2 * Catalog.Manifest.Runtimes.Count) + 2, verify.Stdout);
        Assert.All(failed, line => Assert.EndsWith("missing", line));
        Assert.Contains(failed, line => line.Contains(BlobPrecompiledModuleStore.BlobName(ModuleLoader.ArtifactKey(Catalog.Manifest.Runtimes[0])), StringComparison.Ordinal));
        Assert.Empty(await ListAsync(container)); // verify writes nothing
    }

    [Fact]
    public async Task Verify_TamperedArtifact_FailsWithHashMismatch_AndPublishRepairsIt()
    {
        var container = await azurite.CopyOfPublishedAsync();
        var python = BlobPrecompiledModuleStore.BlobName(ModuleLoader.ArtifactKey(Catalog.Manifest.Runtimes.Single(r => r.Name == "python")));
        var blob = new BlobContainerClient(ConnectionString, container).GetBlobClient(python);
        var metadata = (await blob.GetPropertiesAsync()).Value.Metadata;
        await blob.UploadAsync(BinaryData.FromString("not an artifact"), new BlobUploadOptions { Metadata = metadata });

        var verify = await Codeexec.RunAsync(["runtimes", "verify", "--connection-string", ConnectionString, "--container", container]);
        Assert.Equal(1, verify.ExitCode);
        Assert.Equal([$"FAILED   {python}  0.0 KB  sha256 mismatch"], verify.Lines("FAILED"));

        var publish = await Codeexec.RunAsync(["runtimes", "publish", "--connection-string", ConnectionString, "--container", container]);
        Assert.Equal(0, publish.ExitCode);
        Assert.Single(publish.Lines("uploaded"), line => line.Contains(python, StringComparison.Ordinal));
        Assert.Equal(0, (await Codeexec.RunAsync(["runtimes", "verify", "--connection-string", ConnectionString, "--container", container])).ExitCode);
    }

    [Fact]
    public async Task Verify_ArtifactOfAnotherEngine_IsReportedUnused_NotFailed()
    {
        var container = await azurite.CopyOfPublishedAsync();
        var stale = BlobPrecompiledModuleStore.BlobName("python-0000000000000000-wasmtime1.0.0-epoch-stack2m-speed-linux-x64");
        await new BlobContainerClient(ConnectionString, container).GetBlobClient(stale).UploadAsync(BinaryData.FromString("old"));

        var verify = await Codeexec.RunAsync(["runtimes", "verify", "--connection-string", ConnectionString, "--container", container]);
        Assert.Equal(0, verify.ExitCode);
        Assert.Single(verify.Lines("unused"), line => line.Contains(stale, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Runtimes_WithoutAccountOrConnectionString_IsRefused()
    {
        var run = await Codeexec.RunAsync(["runtimes", "verify"]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--account NAME or --connection-string", run.Stderr);
    }

    private async Task<Dictionary<string, BlobItem>> ListAsync(string container)
    {
        var blobs = new Dictionary<string, BlobItem>();
        await foreach (var blob in new BlobContainerClient(ConnectionString, container).GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }))
        {
            blobs[blob.Name] = blob;
        }

        return blobs;
    }

    private async Task<string> ContentSha256Async(string container, string name)
    {
        var content = await new BlobContainerClient(ConnectionString, container).GetBlobClient(name).DownloadContentAsync();
        return Convert.ToHexStringLower(SHA256.HashData(content.Value.Content.ToArray()));
    }
}
