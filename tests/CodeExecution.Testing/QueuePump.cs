using System.Threading.Channels;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace CodeExecution.Testing;

/// <summary>
/// Stands in for the Functions host's queue listener: receives real messages from Azurite, calls the function,
/// deletes the message when the function returns, makes it visible again when it throws, and after
/// <c>maxDequeueCount</c> failed deliveries moves it to <c>&lt;queue&gt;-poison</c> (as host.json configures the host).
/// Like the host's listener it rides out storage outages: a failed receive is retried after a pause, and a
/// message it could not delete or release simply reappears once its visibility timeout ends.
/// </summary>
public sealed class QueuePump(QueueServiceClient queues, int maxDequeueCount = 5, int concurrency = 4, TimeSpan? visibilityTimeout = null)
{
    private readonly TimeSpan _visibilityTimeout = visibilityTimeout ?? TimeSpan.FromMinutes(2);
    private readonly List<QueueRoute> _routes = [];
    private long _processed;
    private long _failed;

    public long Processed => Interlocked.Read(ref _processed);

    public long Failed => Interlocked.Read(ref _failed);

    public QueuePump Route(string queue, Func<QueueMessage, CancellationToken, Task> function)
    {
        _routes.Add(new QueueRoute(queues.GetQueueClient(queue), queues.GetQueueClient($"{queue}-poison"), function));
        return this;
    }

    /// <summary>Pumps until every queue is empty, nothing is in flight, and <paramref name="done"/> says so.</summary>
    public async Task RunUntilAsync(Func<Task<bool>> done, TimeSpan timeout)
    {
        foreach (var route in _routes)
        {
            await route.Queue.CreateIfNotExistsAsync();
            await route.Poison.CreateIfNotExistsAsync();
        }

        using var deadline = new CancellationTokenSource(timeout);
        var channel = Channel.CreateBounded<(QueueRoute Route, QueueMessage Message)>(concurrency);
        var inFlight = 0;
        var consumers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            await foreach (var (route, message) in channel.Reader.ReadAllAsync())
            {
                await HandleAsync(route, message);
                Interlocked.Decrement(ref inFlight);
            }
        })).ToList();

        try
        {
            while (true)
            {
                deadline.Token.ThrowIfCancellationRequested();
                var received = 0;
                foreach (var route in _routes)
                {
                    QueueMessage[] messages;
                    try
                    {
                        messages = (await route.Queue.ReceiveMessagesAsync(16, _visibilityTimeout, deadline.Token)).Value;
                    }
                    catch (Exception e) when (CodeExecution.Storage.StorageFailure.Is(e) && !deadline.IsCancellationRequested)
                    {
                        await Task.Delay(200, deadline.Token);
                        continue;
                    }

                    foreach (var message in messages)
                    {
                        Interlocked.Increment(ref inFlight);
                        await channel.Writer.WriteAsync((route, message), deadline.Token);
                    }

                    received += messages.Length;
                }

                if (received == 0)
                {
                    if (Volatile.Read(ref inFlight) == 0 && await done())
                    {
                        break;
                    }

                    await Task.Delay(20, deadline.Token);
                }
            }
        }
        finally
        {
            channel.Writer.TryComplete();
            await Task.WhenAll(consumers);
        }
    }

    private async Task HandleAsync(QueueRoute route, QueueMessage message)
    {
        try
        {
            await route.Function(message, CancellationToken.None);
            Interlocked.Increment(ref _processed);
            await IgnoringOutageAsync(() => route.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt));
        }
        catch (Exception)
        {
            Interlocked.Increment(ref _failed);
            if (message.DequeueCount >= maxDequeueCount)
            {
                await IgnoringOutageAsync(async () =>
                {
                    await route.Poison.SendMessageAsync(message.Body);
                    await route.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                });
            }
            else
            {
                await IgnoringOutageAsync(() => route.Queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero));
            }
        }
    }

    /// <summary>Runs a queue operation; if storage is down the message is left to reappear after its visibility timeout.</summary>
    private static async Task IgnoringOutageAsync(Func<Task> operation)
    {
        try
        {
            await operation();
        }
        catch (Exception e) when (CodeExecution.Storage.StorageFailure.Is(e))
        {
        }
    }

    private sealed record QueueRoute(QueueClient Queue, QueueClient Poison, Func<QueueMessage, CancellationToken, Task> Function);
}
