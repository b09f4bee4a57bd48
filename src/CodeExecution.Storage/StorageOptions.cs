using System.ComponentModel.DataAnnotations;

namespace CodeExecution.Storage;

/// <summary>Where the service keeps runtimes, execution records and statistics; bound from <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Configuration name of the connection: a connection string, or <c>NAME__accountName</c> / <c>NAME__blobServiceUri</c> for identity.</summary>
    [Required]
    public string ConnectionName { get; set; } = StorageNames.Connection;

    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "RuntimesContainer must be a valid blob container name.")]
    public string RuntimesContainer { get; set; } = StorageNames.RuntimesContainer;

    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "ExecutionsTable must be a valid table name.")]
    public string ExecutionsTable { get; set; } = StorageNames.ExecutionsTable;

    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "StatisticsTable must be a valid table name.")]
    public string StatisticsTable { get; set; } = StorageNames.StatisticsTable;

    /// <summary>Records waiting to be written; when full, new records are dropped (and counted) rather than delaying executions.</summary>
    [Range(16, 1_000_000)]
    public int RecorderCapacity { get; set; } = 10_000;

    /// <summary>Records written per round (one table transaction per day holds at most 100).</summary>
    [Range(1, 1000)]
    public int RecorderBatchSize { get; set; } = 100;

    /// <summary>Attempts per round, on top of the Azure SDK's own retries, before a failure is logged as an error (and, when stopping, given up).</summary>
    [Range(1, 20)]
    public int RecorderAttempts { get; set; } = 5;

    /// <summary>Longest wait of the health check for each storage service.</summary>
    [Range(100, 60_000)]
    public int HealthTimeoutMs { get; set; } = 3000;
}
