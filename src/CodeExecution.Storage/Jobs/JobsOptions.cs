using System.ComponentModel.DataAnnotations;

namespace CodeExecution.Storage.Jobs;

/// <summary>Queued batch jobs: their size, where they are kept, and how completion callbacks are sent; bound from <c>Jobs</c>.</summary>
/// <remarks>The queue names are fixed (<see cref="StorageNames.JobsQueue"/>, <see cref="StorageNames.JobItemsQueue"/>): the triggers name them at compile time.</remarks>
public sealed class JobsOptions : IValidatableObject
{
    public const string SectionName = "Jobs";

    /// <summary>Longest a callback's attempts and waits may take: within host.json's two-minute function timeout.</summary>
    public const int MaxCallbackMilliseconds = 110_000;

    /// <summary>Most requests in one job.</summary>
    [Range(1, 99_999)]
    public int MaxItems { get; set; } = 1000;

    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "JobsTable must be a valid table name.")]
    public string JobsTable { get; set; } = StorageNames.JobsTable;

    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "PayloadsContainer must be a valid blob container name.")]
    public string PayloadsContainer { get; set; } = StorageNames.JobPayloadsContainer;

    /// <summary>A result whose JSON is longer than this many characters is kept in Blob storage and linked from the job.</summary>
    [Range(256, 30_000)]
    public int InlineResultChars { get; set; } = 30_000;

    /// <summary>Items enqueued at once while a job fans out (and between two saves of its progress).</summary>
    [Range(1, 256)]
    public int FanOutBatchSize { get; set; } = 32;

    /// <summary>
    /// How long a delivery holds an item while it runs; longer than host.json's <c>functionTimeout</c> (2 minutes), so a
    /// lease outlives any live holder, and shorter than the queue's visibility timeout for a crashed worker (10 minutes).
    /// </summary>
    [Range(1, 600)]
    public int ItemLeaseSeconds { get; set; } = 180;

    /// <summary>
    /// HMAC-SHA256 key that signs completion callbacks (<c>X-CodeExecution-Signature</c>). Empty: jobs with a
    /// <c>callbackUrl</c> are refused. Never logged.
    /// </summary>
    public string CallbackSigningKey { get; set; } = "";

    /// <summary>Attempts to deliver a callback; between them the wait doubles from <see cref="CallbackFirstRetryDelayMs"/>.</summary>
    [Range(1, 20)]
    public int CallbackAttempts { get; set; } = 5;

    [Range(1, 600_000)]
    public int CallbackFirstRetryDelayMs { get; set; } = 1000;

    /// <summary>How long one callback attempt may take.</summary>
    [Range(100, 120_000)]
    public int CallbackTimeoutMs { get; set; } = 10_000;

    /// <summary>
    /// Whether a callback may reach localhost or a loopback, private or link-local address (see
    /// <see cref="CallbackAddresses"/>), named by literal or by a host name resolving to one.
    /// Off in Azure (a callback must not reach into the service's own network); on for local runs and tests.
    /// </summary>
    public bool AllowPrivateCallbackHosts { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (CallbackSigningKey.Length is > 0 and < 16)
        {
            // The length only, never the key.
            yield return new ValidationResult(
                $"CallbackSigningKey must be at least 16 characters when set; it has {CallbackSigningKey.Length}.", [nameof(CallbackSigningKey)]);
        }

        // Every attempt and wait happens inside one function call, which host.json's functionTimeout (2 minutes) bounds.
        var waits = Enumerable.Range(1, Math.Max(0, CallbackAttempts - 1)).Sum(attempt => Math.Min(300_000.0, CallbackFirstRetryDelayMs * Math.Pow(2, attempt - 1)));
        if (waits + ((double)CallbackAttempts * CallbackTimeoutMs) > MaxCallbackMilliseconds)
        {
            yield return new ValidationResult(
                $"CallbackAttempts, CallbackFirstRetryDelayMs and CallbackTimeoutMs allow {waits + ((double)CallbackAttempts * CallbackTimeoutMs):0} ms of callback delivery; at most {MaxCallbackMilliseconds} ms fit in a function call.",
                [nameof(CallbackAttempts)]);
        }
    }
}
