using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace CodeExecution.Storage;

/// <summary>
/// The Blob, Table and Queue clients of one storage connection, from the same settings the Functions host uses:
/// a connection string in <c>NAME</c> (Azurite: <c>UseDevelopmentStorage=true</c>), or identity settings
/// <c>NAME__accountName</c>, <c>NAME__blobServiceUri</c>, <c>NAME__tableServiceUri</c>, <c>NAME__queueServiceUri</c>,
/// <c>NAME__clientId</c> with <see cref="DefaultAzureCredential"/>.
/// </summary>
/// <remarks>
/// Queue messages are sent Base64-encoded (<see cref="QueueMessageEncoding.Base64"/>), which is what the Functions
/// host's queue trigger expects by default; received messages are decoded the same way.
/// </remarks>
public sealed class StorageClients
{
    public StorageClients(BlobServiceClient blobs, TableServiceClient tables, QueueServiceClient queues, string description)
    {
        Blobs = blobs;
        Tables = tables;
        Queues = queues;
        Description = description;
    }

    public BlobServiceClient Blobs { get; }

    public TableServiceClient Tables { get; }

    public QueueServiceClient Queues { get; }

    /// <summary>How the connection is made, without secrets: "connection string (account)" or "identity (account)".</summary>
    public string Description { get; }

    public static StorageClients FromConfiguration(IConfiguration configuration, string connectionName, TokenCredential? credential = null)
    {
        var blobOptions = new BlobClientOptions();
        var tableOptions = new TableClientOptions();
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        ConfigureRetries(blobOptions.Retry);
        ConfigureRetries(tableOptions.Retry);
        ConfigureRetries(queueOptions.Retry);

        var section = configuration.GetSection(connectionName);
        var connectionString = section.Value;
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            var blobs = new BlobServiceClient(connectionString, blobOptions);
            return new StorageClients(
                blobs, new TableServiceClient(connectionString, tableOptions), new QueueServiceClient(connectionString, queueOptions),
                $"connection string ({blobs.AccountName})");
        }

        var account = section["accountName"];
        var blobUri = section["blobServiceUri"] ?? (account is null ? null : $"https://{account}.blob.core.windows.net");
        var tableUri = section["tableServiceUri"] ?? (account is null ? null : $"https://{account}.table.core.windows.net");
        var queueUri = section["queueServiceUri"] ?? (account is null ? null : $"https://{account}.queue.core.windows.net");
        if (blobUri is null || tableUri is null || queueUri is null)
        {
            throw new InvalidOperationException(
                $"No storage connection: set {connectionName} to a connection string, or {connectionName}__accountName " +
                $"(or {connectionName}__blobServiceUri, {connectionName}__tableServiceUri and {connectionName}__queueServiceUri) for an identity-based connection.");
        }

        credential ??= new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = section["clientId"] });
        var blobClient = new BlobServiceClient(new Uri(blobUri), credential, blobOptions);
        return new StorageClients(
            blobClient, new TableServiceClient(new Uri(tableUri), credential, tableOptions), new QueueServiceClient(new Uri(queueUri), credential, queueOptions),
            $"identity ({blobClient.AccountName})");
    }

    private static void ConfigureRetries(RetryOptions retry)
    {
        retry.Mode = RetryMode.Exponential;
        retry.MaxRetries = 3;
        retry.Delay = TimeSpan.FromMilliseconds(200);
        retry.MaxDelay = TimeSpan.FromSeconds(5);
        retry.NetworkTimeout = TimeSpan.FromSeconds(30);
    }
}
