using Azure.Storage.Queues.Models;
using CodeExecution.Functions.Jobs;
using CodeExecution.Storage;
using Microsoft.Azure.Functions.Worker;

namespace CodeExecution.Functions.Functions;

/// <summary>
/// <c>execution-job-items</c>: runs one item (or sends a finished job's callback), so many instances share a job;
/// <c>execution-job-items-poison</c>: an item that failed every delivery is recorded as a failed item with the reason.
/// </summary>
public sealed class ProcessJobItemFunction(JobProcessor processor)
{
    public const string PoisonQueue = StorageNames.JobItemsQueue + "-poison";

    [Function(nameof(ProcessJobItem))]
    public Task ProcessJobItem(
        [QueueTrigger(StorageNames.JobItemsQueue, Connection = StorageNames.Connection)] QueueMessage message,
        CancellationToken cancellationToken) =>
        processor.ProcessItemAsync(message.Body.ToString(), message.DequeueCount, cancellationToken);

    [Function(nameof(ProcessJobItemPoison))]
    public Task ProcessJobItemPoison(
        [QueueTrigger(PoisonQueue, Connection = StorageNames.Connection)] QueueMessage message,
        CancellationToken cancellationToken) =>
        processor.ProcessItemPoisonAsync(message.Body.ToString(), cancellationToken);
}
