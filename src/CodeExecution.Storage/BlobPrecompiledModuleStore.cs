using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CodeExecution.Core.Runtimes;
using CodeExecution.Core.Runtimes.Modules;
using Microsoft.Extensions.Logging;

namespace CodeExecution.Storage;

/// <summary>
/// Precompiled modules in Blob storage: <c>precompiled/KEY.cwasm</c> in the runtimes container, with the
/// artifact's sha256 as blob metadata so the loader can verify the bytes before deserializing them.
/// </summary>
/// <remarks>
/// Storage trouble never stops a runtime from loading: a failed download reads as "no artifact" (the loader
/// compiles the <c>.wasm</c>), and a failed upload is logged and left for the next cold start.
/// </remarks>
public sealed partial class BlobPrecompiledModuleStore(BlobContainerClient container, ILogger<BlobPrecompiledModuleStore> logger) : IPrecompiledModuleStore
{
    public BlobContainerClient Container { get; } = container;

    public string Description => $"blob {Container.Uri}";

    public static string BlobName(string key) => $"{StorageNames.PrecompiledPrefix}{key}.cwasm";

    public async Task<PrecompiledArtifact?> TryGetAsync(string key, CancellationToken cancellationToken)
    {
        var blob = Container.GetBlobClient(BlobName(key));
        try
        {
            var download = await blob.DownloadContentAsync(cancellationToken);
            var sha256 = download.Value.Details.Metadata
                .FirstOrDefault(pair => string.Equals(pair.Key, StorageNames.Sha256Metadata, StringComparison.OrdinalIgnoreCase)).Value;
            if (string.IsNullOrEmpty(sha256))
            {
                LogMissingHash(blob.Name);
                return null;
            }

            return new PrecompiledArtifact(download.Value.Content.ToArray(), sha256);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            LogDownloadFailed(e, blob.Name);
            return null;
        }
    }

    public async Task PutAsync(string key, PrecompiledArtifact artifact, CancellationToken cancellationToken)
    {
        var blob = Container.GetBlobClient(BlobName(key));
        try
        {
            await Container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await blob.UploadAsync(BinaryData.FromBytes(artifact.Bytes), new BlobUploadOptions
            {
                Metadata = new Dictionary<string, string> { [StorageNames.Sha256Metadata] = artifact.Sha256 },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/octet-stream" },
            }, cancellationToken);
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            LogUploadFailed(e, blob.Name);
        }
    }
}
