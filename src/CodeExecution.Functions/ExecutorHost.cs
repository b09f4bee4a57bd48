using CodeExecution.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CodeExecution.Functions;

/// <summary>
/// The instance's one <see cref="CodeExecutor"/>: its runtimes load once, in the background from host start,
/// and every function awaits the same load. A failed load is tried again by the next request.
/// </summary>
public sealed partial class ExecutorHost(CodeExecutor executor, ILogger<ExecutorHost> logger) : IHostedService
{
    private readonly object _gate = new();
    private Task? _initialization;

    public CodeExecutor Executor { get; } = executor;

    public async Task<CodeExecutor> GetReadyAsync(CancellationToken cancellationToken)
    {
        await Initialization().WaitAsync(cancellationToken);
        return Executor;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Start loading now, but do not hold up the host: requests wait for the load instead.
        _ = Initialization().ContinueWith(
            task => LogWarmUpFailed(task.Exception!.GetBaseException()),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private Task Initialization()
    {
        lock (_gate)
        {
            if (_initialization is null || _initialization.IsFaulted || _initialization.IsCanceled)
            {
                _initialization = Executor.InitializeAsync(CancellationToken.None);
            }

            return _initialization;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Loading the runtimes at start failed; the next request tries again")]
    private partial void LogWarmUpFailed(Exception exception);
}
