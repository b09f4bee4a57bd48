using System.Collections.Concurrent;
using CodeExecution.Core.Grading;
using CodeExecution.Core.Model;
using CodeExecution.Functions.Functions;
using CodeExecution.Functions.Jobs;
using CodeExecution.Storage;
using CodeExecution.Storage.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace CodeExecution.Functions.Tests;

/// <summary>
/// Azurite and an app host for the job tests: callbacks allowed to loopback and retried quickly, and an item
/// executor that counts every execution (a grading job's test as <c>test N of {grading request}</c>) and "crashes"
/// (throws) for code, or a test's input, holding <see cref="CrashMarker"/>.
/// </summary>
public sealed class JobsAppFixture : IAsyncLifetime
{
    public const string CrashMarker = "# crash-the-worker";
    public const string SigningKey = "test-signing-key-0123456789abcdef";

    private TestHost? _host;
    private AzuriteServer? _azurite;

    public AzuriteServer Azurite => _azurite ?? throw new InvalidOperationException("Not started.");

    public TestHost Host => _host ?? throw new InvalidOperationException("Not started.");

    /// <summary>How many times each request (its JSON) was handed to the executor.</summary>
    public ConcurrentDictionary<string, int> Executions { get; } = new();

    public JobProcessor Processor => Host.Function<JobProcessor>();

    public JobStore Store => Host.Function<JobStore>();

    public JobQueues Queues => Host.Function<JobQueues>();

    public StorageClients Clients => Host.Function<StorageClients>();

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        var settings = TestHost.Settings(_azurite, StorageNamesForRun.Unique());
        settings["CodeExecution:MaxRequestBodyBytes"] = "1048576";
        settings["Jobs:MaxItems"] = "200";
        settings["Jobs:CallbackSigningKey"] = SigningKey;
        settings["Jobs:AllowPrivateCallbackHosts"] = "true";
        settings["Jobs:CallbackAttempts"] = "3";
        settings["Jobs:CallbackFirstRetryDelayMs"] = "50";
        settings["Jobs:CallbackTimeoutMs"] = "2000";
        _host = await TestHost.StartAsync(settings, configure: services => services.AddSingleton<IJobItemExecutor>(provider =>
            new CountingExecutor(ActivatorUtilities.CreateInstance<JobItemExecutor>(provider), Executions)));
    }

    /// <summary>A pump wired to the four queue functions, as the host would be.</summary>
    public QueuePump Pump(int concurrency = 4)
    {
        var job = Host.Function<ProcessJobFunction>();
        var item = Host.Function<ProcessJobItemFunction>();
        return new QueuePump(Clients.Queues, maxDequeueCount: 5, concurrency)
            .Route(StorageNames.JobsQueue, job.ProcessJob)
            .Route(StorageNames.JobItemsQueue, item.ProcessJobItem)
            .Route(ProcessJobFunction.PoisonQueue, job.ProcessJobPoison)
            .Route(ProcessJobItemFunction.PoisonQueue, item.ProcessJobItemPoison);
    }

    /// <summary>Pumps until the job is final (and, when it has a callback, the callback is no longer pending).</summary>
    public Task RunJobAsync(string jobId, TimeSpan? timeout = null, int concurrency = 4) =>
        Pump(concurrency).RunUntilAsync(async () =>
            await Store.GetJobAsync(jobId, CancellationToken.None) is { IsFinal: true } job && job.CallbackState != CallbackState.Pending,
            timeout ?? TimeSpan.FromMinutes(3));

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    private sealed class CountingExecutor(IJobItemExecutor inner, ConcurrentDictionary<string, int> executions) : IJobItemExecutor
    {
        public Task<ExecutionResult> ExecuteAsync(string requestJson, CancellationToken cancellationToken)
        {
            executions.AddOrUpdate(requestJson, 1, (_, n) => n + 1);
            return requestJson.Contains(CrashMarker, StringComparison.Ordinal)
                ? throw new InvalidOperationException("The worker crashed running this item.")
                : inner.ExecuteAsync(requestJson, cancellationToken);
        }

        public Task<TestResult> GradeTestAsync(string gradingJson, int index, CancellationToken cancellationToken)
        {
            executions.AddOrUpdate($"test {index} of {gradingJson}", 1, (_, n) => n + 1);
            return JobItemExecutor.GradingIn(gradingJson)?.Tests?[index].Input?.Contains(CrashMarker, StringComparison.Ordinal) == true
                ? throw new InvalidOperationException("The worker crashed running this item.")
                : inner.GradeTestAsync(gradingJson, index, cancellationToken);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class JobsAppCollection : ICollectionFixture<JobsAppFixture>
{
    public const string Name = "jobs app on Azurite";
}
