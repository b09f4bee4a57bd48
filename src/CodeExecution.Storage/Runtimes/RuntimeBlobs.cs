using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CodeExecution.Core.Runtimes;
using CodeExecution.Core.Runtimes.Modules;
using CodeExecution.Core.Sandbox;
using Microsoft.Extensions.Logging.Abstractions;

namespace CodeExecution.Storage.Runtimes;

/// <summary>
/// The runtimes container as the Functions app sees it: each runtime's <c>.wasm</c> under <c>modules/</c> and the
/// precompiled artifacts under <c>precompiled/</c>, every blob with its sha256 as metadata.
/// </summary>
/// <remarks>
/// Artifacts are produced and checked by running the app's own load (<see cref="ModuleLoader"/> and the language
/// runtimes' image baking) against <see cref="BlobPrecompiledModuleStore"/>, so the keys, the engine fingerprint and
/// the metadata are exactly the ones the app asks for on a cold start.
/// </remarks>
public sealed class RuntimeBlobs(BlobContainerClient container, RuntimeCatalog catalog, TextWriter output)
{
    /// <summary>The container <paramref name="containerName"/> of the storage connection <paramref name="clients"/>.</summary>
    public RuntimeBlobs(StorageClients clients, string containerName, RuntimeCatalog catalog, TextWriter output)
        : this(clients.Blobs.GetBlobContainerClient(containerName), catalog, output)
    {
    }

    /// <summary>The platform the Functions app runs on (Flex Consumption is Linux on x64).</summary>
    public const string AppRuntimeIdentifier = "linux-x64";

    public const string ModulesPrefix = "modules/";

    public static string WasmBlobName(RuntimeDescriptor runtime) => $"{ModulesPrefix}{runtime.Name}-{runtime.Sha256[..16]}.wasm";

    public Uri ContainerUri => container.Uri;

    /// <summary>Uploads what is missing or wrong, then checks every blob it is responsible for. True when all is in place.</summary>
    public async Task<bool> PublishAsync(TimeSpan accessWait, CancellationToken cancellationToken)
    {
        await WaitForAccessAsync(accessWait, cancellationToken);
        var ok = true;
        foreach (var runtime in catalog.Manifest.Runtimes)
        {
            ok &= await PublishWasmAsync(runtime, cancellationToken);
        }

        if (!ForAppPlatform())
        {
            return ok;
        }

        var store = new RecordingModuleStore(BlobStore(), readOnly: false);
        await LoadRuntimesAsync(store, cancellationToken);
        foreach (var (key, state) in store.Keys)
        {
            // The store logs and swallows upload failures (the app must start regardless); here they must show.
            var (size, hashOk) = await CheckBlobAsync(BlobPrecompiledModuleStore.BlobName(key), cancellationToken);
            var found = size is not null && hashOk;
            await output.WriteLineAsync($"{(found ? state == ArtifactState.Uploaded ? "uploaded" : "present" : "FAILED"),-9}{BlobPrecompiledModuleStore.BlobName(key)}  {Size(size)}");
            ok &= found;
        }

        return ok;
    }

    /// <summary>Checks the container against the current manifest and engine. True when the app would load everything from it.</summary>
    public async Task<bool> VerifyAsync(CancellationToken cancellationToken)
    {
        var ok = true;
        var expected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var runtime in catalog.Manifest.Runtimes)
        {
            var name = WasmBlobName(runtime);
            expected.Add(name);
            var (size, hashOk, metadata) = await ReadBlobAsync(name, cancellationToken);
            var state = size is null ? "missing" : !hashOk ? "sha256 mismatch" : metadata != runtime.Sha256 ? "not the manifest's sha256" : null;
            await output.WriteLineAsync($"{(state is null ? "ok" : "FAILED"),-9}{name}  {Size(size)}{(state is null ? "" : $"  {state}")}");
            ok &= state is null;
        }

        if (ForAppPlatform())
        {
            var store = new RecordingModuleStore(BlobStore(), readOnly: true);
            await LoadRuntimesAsync(store, cancellationToken);
            foreach (var (key, state) in store.Keys)
            {
                var name = BlobPrecompiledModuleStore.BlobName(key);
                expected.Add(name);
                var size = state == ArtifactState.Missing ? null : (await CheckBlobAsync(name, cancellationToken)).Size;
                var problem = state switch
                {
                    ArtifactState.Present => null,
                    ArtifactState.Missing => "missing",
                    ArtifactState.HashMismatch => "sha256 mismatch",
                    _ => "not loadable by this engine",
                };
                await output.WriteLineAsync($"{(problem is null ? "ok" : "FAILED"),-9}{name}  {Size(size)}{(problem is null ? "" : $"  {problem}")}");
                ok &= problem is null;
            }
        }

        if (!await container.ExistsAsync(cancellationToken))
        {
            await output.WriteLineAsync($"{"FAILED",-9}{container.Uri}  the container does not exist");
            return false;
        }

        // Anything else there is left by other manifests or engines: harmless, but worth knowing about.
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix: null, cancellationToken))
        {
            if (!expected.Contains(blob.Name))
            {
                await output.WriteLineAsync($"{"unused",-9}{blob.Name}  {Size(blob.Properties.ContentLength)}  not needed by this manifest and engine");
            }
        }

        return ok;
    }

    private bool ForAppPlatform()
    {
        if (RuntimeInformation.RuntimeIdentifier == AppRuntimeIdentifier)
        {
            return true;
        }

        // Compiled code is only usable by the platform that compiled it; the app would ignore these.
        output.WriteLine($"warning: this machine is {RuntimeInformation.RuntimeIdentifier}, the app runs on {AppRuntimeIdentifier}; " +
            "precompiled artifacts are skipped (the app compiles and uploads them on its first cold start).");
        return false;
    }

    private BlobPrecompiledModuleStore BlobStore() => new(container, NullLogger<BlobPrecompiledModuleStore>.Instance);

    /// <summary>Loads every runtime the way the app's executor does, with <paramref name="store"/> as its module store.</summary>
    private async Task LoadRuntimesAsync(IPrecompiledModuleStore store, CancellationToken cancellationToken)
    {
        using var engine = new SandboxEngine();
        var loader = new ModuleLoader(engine, catalog, store);
        foreach (var descriptor in catalog.Manifest.Runtimes)
        {
            var module = await loader.LoadAsync(descriptor, cancellationToken);
            using (module.Module)
            {
                foreach (var runtime in await LanguageRuntimeRegistry.Default.CreateAsync(engine, catalog, module, store, cancellationToken))
                {
                    runtime.Dispose();
                }
            }
        }
    }

    private async Task<bool> PublishWasmAsync(RuntimeDescriptor runtime, CancellationToken cancellationToken)
    {
        var name = WasmBlobName(runtime);
        var (size, hashOk, metadata) = await ReadBlobAsync(name, cancellationToken);
        if (size is null || !hashOk || metadata != runtime.Sha256)
        {
            var bytes = catalog.ReadVerified(runtime.File, runtime.Sha256);
            await container.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(bytes), new BlobUploadOptions
            {
                Metadata = new Dictionary<string, string>
                {
                    [StorageNames.Sha256Metadata] = runtime.Sha256,
                    ["runtime"] = runtime.Name,
                    ["version"] = runtime.Version,
                },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/wasm" },
            }, cancellationToken);
            await output.WriteLineAsync($"{"uploaded",-9}{name}  {Size(bytes.LongLength)}");
            return (await CheckBlobAsync(name, cancellationToken)).HashOk;
        }

        await output.WriteLineAsync($"{"present",-9}{name}  {Size(size)}");
        return true;
    }

    private async Task<(long? Size, bool HashOk)> CheckBlobAsync(string name, CancellationToken cancellationToken)
    {
        var (size, hashOk, _) = await ReadBlobAsync(name, cancellationToken);
        return (size, hashOk);
    }

    /// <summary>The blob's size, whether its content hashes to its sha256 metadata, and that metadata; size null when absent.</summary>
    private async Task<(long? Size, bool HashOk, string? Sha256)> ReadBlobAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var download = await container.GetBlobClient(name).DownloadContentAsync(cancellationToken);
            var metadata = download.Value.Details.Metadata
                .FirstOrDefault(pair => string.Equals(pair.Key, StorageNames.Sha256Metadata, StringComparison.OrdinalIgnoreCase)).Value;
            var actual = Convert.ToHexStringLower(SHA256.HashData(download.Value.Content.ToMemory().Span));
            return (download.Value.Details.ContentLength, string.Equals(actual, metadata, StringComparison.OrdinalIgnoreCase), metadata?.ToLowerInvariant());
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return (null, false, null);
        }
    }

    /// <summary>Creates the container, waiting while fresh role assignments reach the storage account (a 403 until then).</summary>
    private async Task WaitForAccessAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                return;
            }
            catch (RequestFailedException e) when (e.Status == 403 && DateTime.UtcNow < deadline)
            {
                await output.WriteLineAsync($"waiting for write access to {container.Uri} ({e.ErrorCode}); new role assignments take a few minutes");
                await Task.Delay(TimeSpan.FromSeconds(15), cancellationToken);
            }
        }
    }

    private static string Size(long? bytes) => bytes switch
    {
        null => "-",
        < 1024 * 1024 => $"{bytes / 1024.0:0.0} KB",
        _ => $"{bytes / (1024.0 * 1024.0):0.0} MB",
    };
}
