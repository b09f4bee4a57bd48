using System.Threading.Channels;
using CodeExecution.Core;
using CodeExecution.Core.Model;
using Microsoft.Extensions.Options;

namespace CodeExecution.Functions.Http;

/// <summary>
/// Runs a request when a sandbox frees up, behind at most <see cref="HttpApiOptions.MaxWaitingRequests"/> others and
/// for at most <see cref="HttpApiOptions.MaxQueueWaitMs"/>: how every HTTP route that runs one request admits it.
/// </summary>
public sealed class ExecutionQueue(ExecutorHost host, IOptions<HttpApiOptions> options)
{
    /// <summary>
    /// Admits a request of many runs (a batch, a grading) unless the queue is already full: its runs then wait their
    /// turn on the executor returned, without a bound of their own.
    /// </summary>
    /// <exception cref="RequestRefusedException">The queue is full (a 429).</exception>
    public async Task<CodeExecutor> AdmitManyAsync(CancellationToken cancellationToken)
    {
        var executor = await host.GetReadyAsync(cancellationToken);
        var maxWaiting = options.Value.MaxWaitingRequests;
        if (executor.Pending >= executor.MaxConcurrency + maxWaiting)
        {
            throw RequestRefusedException.Busy(executor.MaxConcurrency, maxWaiting);
        }

        return executor;
    }

    /// <exception cref="RequestRefusedException">The queue is full, or no sandbox freed up in time (a 429).</exception>
    /// <exception cref="Core.Errors.CodeExecutionError">The request cannot run.</exception>
    public async Task<ExecutionResult> RunAsync(ExecutionRequest request, CancellationToken cancellationToken) =>
        await RunAsync(request, onOutput: null, cancellationToken);

    /// <summary>
    /// Queues the request as <see cref="RunAsync(ExecutionRequest, CancellationToken)"/> does, and returns once its
    /// first output is written or it has ended: a refusal, or an invalid request, throws here, before any event is sent.
    /// </summary>
    /// <exception cref="RequestRefusedException">The queue is full, or no sandbox freed up in time (a 429).</exception>
    /// <exception cref="Core.Errors.CodeExecutionError">The request cannot run.</exception>
    public async Task<ExecutionEventStream> StreamAsync(ExecutionRequest request, HttpProblems problems, CancellationToken cancellationToken)
    {
        // Unbounded, so the sandbox thread never waits on the client: the output limit bounds what it holds.
        var output = Channel.CreateUnbounded<OutputChunk>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var run = RunThenCompleteAsync(request, output.Writer, cancellationToken);
        await Task.WhenAny(output.Reader.WaitToReadAsync(cancellationToken).AsTask(), run);
        cancellationToken.ThrowIfCancellationRequested();
        if (run.IsCompleted)
        {
            await run;
        }

        return new ExecutionEventStream(output.Reader, run, problems);
    }

    private async Task<ExecutionResult> RunThenCompleteAsync(ExecutionRequest request, ChannelWriter<OutputChunk> output, CancellationToken cancellationToken)
    {
        try
        {
            return await RunAsync(request, chunk => output.TryWrite(chunk), cancellationToken);
        }
        finally
        {
            output.TryComplete();
        }
    }

    private async Task<ExecutionResult> RunAsync(ExecutionRequest request, Action<OutputChunk>? onOutput, CancellationToken cancellationToken)
    {
        var executor = await host.GetReadyAsync(cancellationToken);
        var limits = options.Value;
        var waiting = executor.TryQueue(request, onOutput, limits.MaxWaitingRequests, TimeSpan.FromMilliseconds(limits.MaxQueueWaitMs), cancellationToken)
            ?? throw RequestRefusedException.Busy(executor.MaxConcurrency, limits.MaxWaitingRequests);
        return await waiting ?? throw RequestRefusedException.WaitedTooLong(limits.MaxQueueWaitMs);
    }
}
