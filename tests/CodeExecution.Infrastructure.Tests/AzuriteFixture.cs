using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace CodeExecution.Infrastructure.Tests;

/// <summary>
/// One Azurite for a test class, and one container that <c>codeexec runtimes publish</c> filled (compiling takes
/// tens of seconds); tests that change a container work on a copy of it.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteServer? _server;

    public AzuriteServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public string ConnectionString => Server.ConnectionString;

    /// <summary>The container published into at start; tests must not change it.</summary>
    public string Published { get; } = UniqueContainer();

    /// <summary>What that first publish printed.</summary>
    public Codeexec.Run FirstPublish { get; private set; } = new(-1, "", "");

    public static string UniqueContainer() => $"runtimes-{Guid.NewGuid():N}"[..30];

    public async Task InitializeAsync()
    {
        _server = await AzuriteServer.StartAsync();
        FirstPublish = await Codeexec.RunAsync(["runtimes", "publish", "--connection-string", ConnectionString, "--container", Published]);
    }

    /// <summary>A new container holding copies of every published blob, with their metadata.</summary>
    public async Task<string> CopyOfPublishedAsync()
    {
        var source = new BlobContainerClient(ConnectionString, Published);
        var name = UniqueContainer();
        var target = new BlobContainerClient(ConnectionString, name);
        await target.CreateAsync();
        await foreach (var blob in source.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }))
        {
            var content = await source.GetBlobClient(blob.Name).DownloadContentAsync();
            await target.GetBlobClient(blob.Name).UploadAsync(content.Value.Content, new BlobUploadOptions { Metadata = blob.Metadata });
        }

        return name;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
