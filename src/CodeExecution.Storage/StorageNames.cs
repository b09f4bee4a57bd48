namespace CodeExecution.Storage;

/// <summary>Names of the storage resources, shared by the app, its options defaults and the tests.</summary>
public static class StorageNames
{
    /// <summary>The configuration name of the storage connection (connection string or identity settings).</summary>
    public const string Connection = "AzureWebJobsStorage";

    /// <summary>Blob container with the runtimes' <c>.wasm</c> files and their precompiled artifacts.</summary>
    public const string RuntimesContainer = "runtimes";

    /// <summary>Table with one row per execution, partitioned by UTC day.</summary>
    public const string ExecutionsTable = "executions";

    /// <summary>Table with one aggregate row per UTC day and language.</summary>
    public const string StatisticsTable = "executionstatistics";

    /// <summary>Folder inside <see cref="RuntimesContainer"/> that holds precompiled artifacts.</summary>
    public const string PrecompiledPrefix = "precompiled/";

    /// <summary>Blob metadata key holding an artifact's sha256 (lowercase hex).</summary>
    public const string Sha256Metadata = "sha256";

    /// <summary>Queue of job messages: one per submitted job (or its claim check), from the API or from clients directly.</summary>
    public const string JobsQueue = "execution-jobs";

    /// <summary>Queue of per-item (or small chunk) messages that the job messages fan out into.</summary>
    public const string JobItemsQueue = "execution-job-items";

    /// <summary>Table with one row per job (status, counts) and one per item (its result or failure), partitioned by job id.</summary>
    public const string JobsTable = "executionjobs";

    /// <summary>Blob container for job payloads over the queue's 64 KB limit (claim checks) and large item outputs.</summary>
    public const string JobPayloadsContainer = "job-payloads";
}
