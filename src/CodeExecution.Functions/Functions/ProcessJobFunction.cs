using Azure.Storage.Queues.Models;
using CodeExecution.Functions.Jobs;
using CodeExecution.Storage;
using Microsoft.Azure.Functions.Worker;

namespace CodeExecution.Functions.Functions;

/// <summary>
/// <c>execution-jobs</c>: records each job and fans it out into item messages; <c>execution-jobs-poison</c>: a job
/// message that failed every delivery (host.json <c>maxDequeueCount</c>) fails its job with the reason.
/// </summary>
public sealed class ProcessJobFunction(JobProcessor processor)
{
    public const string PoisonQueue = StorageNames.JobsQueue + "-poison";

    [Function(nameof(ProcessJob))]
    public Task ProcessJob(
        [QueueTrigger(StorageNames.JobsQueue, Connection = StorageNames.Connection)] QueueMessage message,
        CancellationToken cancellationToken) =>
        processor.ProcessJobAsync(message.MessageId, message.Body.ToString(), message.DequeueCount, cancellationToken);

    [Function(nameof(ProcessJobPoison))]
    public Task ProcessJobPoison(
        [QueueTrigger(PoisonQueue, Connection = StorageNames.Connection)] QueueMessage message,
        CancellationToken cancellationToken) =>
        processor.ProcessJobPoisonAsync(message.MessageId, message.Body.ToString(), cancellationToken);
}
