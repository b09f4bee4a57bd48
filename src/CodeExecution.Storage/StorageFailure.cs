using Azure;

namespace CodeExecution.Storage;

/// <summary>Tells storage that failed or could not be reached from a bug in our own code.</summary>
public static class StorageFailure
{
    /// <summary>
    /// True for a failed or unreachable storage call. The SDK reports exhausted retries as an
    /// <see cref="AggregateException"/> of the attempts' failures (seen here with storage down at start-up).
    /// </summary>
    public static bool Is(Exception e) =>
        e is RequestFailedException or HttpRequestException or IOException or TaskCanceledException
        || (e is AggregateException aggregate && aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(Is));
}
