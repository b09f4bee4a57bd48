using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CodeExecution.Core.Model;
using CodeExecution.Core.Runtimes;
using CodeExecution.Core.Runtimes.Modules;
using CodeExecution.Functions.Functions;
using CodeExecution.Storage;

namespace CodeExecution.Functions.Tests;

/// <summary>Runtimes come from the Blob container: the first instance compiles and uploads, the next deserializes.</summary>
[Collection(FunctionsAppCollection.Name)]
public sealed class ColdStartTests(FunctionsAppFixture app)
{
    private static readonly RuntimeDescriptor Python = RuntimeCatalog.Load().Manifest.Runtimes.Single(runtime => runtime.Name == "python");

    [Fact]
    public async Task ColdStart_FirstInstanceCompilesAndUploads_SecondOnlyDeserializes()
    {
        var names = StorageNamesForRun.Unique();
        var container = new BlobContainerClient(app.Azurite.ConnectionString, names.Container);

        await using (var first = await TestHost.StartAsync(TestHost.Settings(app.Azurite, names)))
        {
            Assert.StartsWith("compiled: ", PythonSource(first));
            Assert.Equal(["download", "compile", "upload"], Phases(first, "python"));
        }

        var blob = container.GetBlobClient(BlobPrecompiledModuleStore.BlobName(ModuleLoader.ArtifactKey(Python)));
        var stored = await blob.DownloadContentAsync();
        Assert.Equal(Sha256(stored.Value.Content.ToArray()), stored.Value.Details.Metadata[StorageNames.Sha256Metadata]);

        await using var second = await TestHost.StartAsync(TestHost.Settings(app.Azurite, names));
        Assert.Equal($"precompiled: blob {container.Uri}", PythonSource(second));
        Assert.Equal(["download", "verify", "deserialize"], Phases(second, "python"));
        var health = await HttpCall.SendAsync(HttpCall.Get("/api/health"), second.Function<HealthFunction>().Health);
        var python = health.Json.GetProperty("runtimes").EnumerateArray().Single(runtime => runtime.GetProperty("language").GetString() == "python");
        Assert.Equal($"precompiled: blob {container.Uri}", python.GetProperty("source").GetString());
        var execute = await HttpCall.SendAsync(HttpCall.Post("/api/execute", """{"code":"print(6*7)","language":"python"}"""), second.Function<ExecuteFunction>().Execute);
        Assert.Equal("42\n", execute.Text("stdout"));
    }

    [Fact]
    public async Task ColdStart_ArtifactFailingItsHash_IsRebuiltNotLoaded()
    {
        var (names, blob) = await SeedArtifactAsync(bytes: [1, 2, 3, 4], sha256: new string('0', 64));

        await using var host = await TestHost.StartAsync(TestHost.Settings(app.Azurite, names));

        Assert.StartsWith("compiled: ", PythonSource(host));
        Assert.Contains(host.Logs.Lines, line => line.Message.Contains("failed its hash check", StringComparison.Ordinal));
        await AssertIntactAsync(blob);
    }

    [Fact]
    public async Task ColdStart_IntactArtifactThatDoesNotDeserialize_IsRebuilt()
    {
        byte[] garbage = [.. "not a compiled module, but its hash matches"u8];
        var (names, blob) = await SeedArtifactAsync(garbage, Sha256(garbage));

        await using var host = await TestHost.StartAsync(TestHost.Settings(app.Azurite, names));

        Assert.StartsWith("compiled: ", PythonSource(host));
        Assert.Contains(host.Logs.Lines, line => line.Message.Contains("could not be deserialized", StringComparison.Ordinal));
        await AssertIntactAsync(blob);
    }

    private async Task<(StorageNamesForRun, BlobClient)> SeedArtifactAsync(byte[] bytes, string sha256)
    {
        var names = StorageNamesForRun.Unique();
        var container = new BlobContainerClient(app.Azurite.ConnectionString, names.Container);
        await container.CreateAsync();
        var blob = container.GetBlobClient(BlobPrecompiledModuleStore.BlobName(ModuleLoader.ArtifactKey(Python)));
        await blob.UploadAsync(BinaryData.FromBytes(bytes), new BlobUploadOptions { Metadata = new Dictionary<string, string> { [StorageNames.Sha256Metadata] = sha256 } });
        return (names, blob);
    }

    private static async Task AssertIntactAsync(BlobClient blob)
    {
        var stored = await blob.DownloadContentAsync();
        var bytes = stored.Value.Content.ToArray();
        Assert.True(bytes.Length > 1_000_000);
        Assert.Equal(Sha256(bytes), stored.Value.Details.Metadata[StorageNames.Sha256Metadata]);
    }

    private static string? PythonSource(TestHost host) => host.Executor.Executor.GetEnvironmentInfo(ExecutionLanguage.Python).Source;

    private static List<string> Phases(TestHost host, string runtime) =>
        host.Logs.Lines
            .Where(line => line.Message.StartsWith($"Runtime {runtime} cold start: ", StringComparison.Ordinal))
            .Select(line => (string)line.Values["Phase"]!)
            .ToList();

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
