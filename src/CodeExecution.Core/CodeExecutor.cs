using System.Diagnostics;
using CodeExecution.Core.Errors;
using CodeExecution.Core.Grading;
using CodeExecution.Core.Model;
using CodeExecution.Core.Network;
using CodeExecution.Core.Policy;
using CodeExecution.Core.Runtimes;
using CodeExecution.Core.Runtimes.Modules;
using CodeExecution.Core.Sandbox;
using CodeExecution.Core.Statistics;
using CodeExecution.Core.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CodeExecution.Core;

/// <summary>
/// The seed's executor: initialize once, then execute requests in WebAssembly sandboxes, in parallel up to
/// <see cref="CodeExecutorOptions.MaxConcurrency"/>. Thread-safe.
/// </summary>
/// <remarks>
/// A request that cannot run (invalid, too large, unsupported language, refused by policy) throws a
/// <see cref="CodeExecutionError"/>; a program that fails or hits a limit is a result with <c>Success = false</c>.
/// </remarks>
public sealed partial class CodeExecutor : IAsyncDisposable, IDisposable
{
    private readonly CodeExecutorOptions _options;
    private readonly IPrecompiledModuleStore _moduleStore;
    private readonly IReadOnlyList<IExecutionRecorder> _recorders;
    private readonly ILogger _logger;
    private readonly ILoggerFactory _loggerFactory;
    private readonly InMemoryStatistics _statistics = new();
    private readonly PatternPolicy _policy;
    private readonly SemaphoreSlim _initialization = new(1, 1);
    private readonly Lazy<HostNetwork> _network;
    private readonly Dictionary<ExecutionLanguage, ILanguageRuntime> _runtimes = [];
    private readonly Dictionary<ExecutionLanguage, EnvironmentInfo> _environments = [];
    private SandboxEngine? _engine;
    private CountingRuntimes? _counting;
    private SandboxWorkers? _workers;
    private EffectiveLimits _defaultLimits;
    private int _running;
    private bool _disposed;

    public CodeExecutor(
        CodeExecutorOptions? options = null,
        IPrecompiledModuleStore? moduleStore = null,
        IEnumerable<IExecutionRecorder>? recorders = null,
        ILoggerFactory? loggerFactory = null)
    {
        _options = options ?? new CodeExecutorOptions();
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<CodeExecutor>();
        _moduleStore = moduleStore ?? new DiskPrecompiledModuleStore(_options.ModuleCacheDirectory ?? DiskPrecompiledModuleStore.DefaultDirectory);
        _recorders = [_statistics, .. recorders ?? []];
        _policy = new PatternPolicy(_options.Policy);
        _network = new Lazy<HostNetwork>(() => new HostNetwork(_options.Network));
        _defaultLimits = RequestValidator.ValidateLimits(_options.DefaultLimits, EffectiveLimits.Default);
    }

    public bool IsInitialized { get; private set; }

    /// <summary>Executions running now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>Executions accepted and not finished: running or waiting for a sandbox thread.</summary>
    public int Pending => _workers?.Busy ?? 0;

    public int MaxConcurrency => _options.MaxConcurrency;

    public EffectiveLimits DefaultLimits => _defaultLimits;

    /// <summary>
    /// Loads every runtime in the manifest (or those serving <see cref="CodeExecutorOptions.Languages"/>): verified,
    /// then deserialized from the precompiled store or compiled, then their start-up images baked or loaded.
    /// A runtime that fails to load is reported unavailable, one whose image cannot be baked starts cold; the others
    /// still serve. Safe to call more than once.
    /// </summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await _initialization.WaitAsync(cancellationToken);
        try
        {
            if (IsInitialized)
            {
                return;
            }

            ObjectDisposedException.ThrowIf(_disposed, this);
            _engine = new SandboxEngine(EngineSlots(_options.MaxConcurrency), _options.ScratchDirectory);
            _workers = new SandboxWorkers(_options.MaxConcurrency);
            var catalog = RuntimeCatalog.Load(_options.RuntimesDirectory);
            var wanted = catalog.Manifest.Runtimes.Where(IsWanted).ToList();
            var loader = new ModuleLoader(_engine, catalog, _moduleStore, _loggerFactory.CreateLogger<ModuleLoader>());
            var loads = wanted.Select(runtime => LoadRuntimeAsync(loader, catalog, runtime, cancellationToken));
            foreach (var runtimes in await Task.WhenAll(loads))
            {
                foreach (var runtime in runtimes)
                {
                    _environments[runtime.Language] = runtime.Environment;
                    if (runtime.Environment.Available)
                    {
                        _runtimes[runtime.Language] = runtime;
                    }
                    else
                    {
                        runtime.Dispose();
                    }
                }
            }

            foreach (var provider in LanguageRuntimeRegistry.Default.BuiltIn.Where(provider => IsWanted(provider.Language)))
            {
                var runtime = provider.Create(new BuiltInRuntimeContext(EngineSlots(_options.MaxConcurrency), _options));
                _environments[runtime.Language] = runtime.Environment;
                _runtimes[runtime.Language] = runtime;
            }

            _counting = new CountingRuntimes(
                wanted,
                () => new SandboxEngine(EngineSlots(_options.MaxConcurrency), _options.ScratchDirectory, countsInstructions: true),
                (engine, runtime) => LoadRuntimeAsync(
                    new ModuleLoader(engine, catalog, _moduleStore, _loggerFactory.CreateLogger<ModuleLoader>()), catalog, runtime, CancellationToken.None));
            IsInitialized = true;
        }
        finally
        {
            _initialization.Release();
        }
    }

    /// <summary>
    /// The engine's pooled slots: two per sandbox thread, and eight for the bakes and trial starts at start-up.
    /// Only <paramref name="maxConcurrency"/> run at once, but a slot stays warm for the module it last held, and an
    /// instance of another module must reset it from scratch; the spare ones keep every runtime's image warm when
    /// executions alternate between languages. Measured with <c>MaxConcurrency</c> 2: 10 slots instead of 12 cost
    /// Python 9 % and JavaScript 6 % of their throughput at concurrency 2 (docs/performance.md). Address space only.
    /// </summary>
    private static int EngineSlots(int maxConcurrency) => (2 * maxConcurrency) + 8;

    /// <summary>Validates and runs one request.</summary>
    /// <exception cref="CodeExecutionError">The request cannot run; see the subclasses.</exception>
    public Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(request, onOutput: null, cancellationToken);

    /// <summary>
    /// Validates and runs one request, handing its output to <paramref name="onOutput"/> as the program writes it (see
    /// <see cref="OutputChunk"/>); the result carries it all the same. <paramref name="onOutput"/> runs on the sandbox
    /// thread while the guest waits: it must not block.
    /// </summary>
    /// <exception cref="CodeExecutionError">The request cannot run; see the subclasses.</exception>
    public Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, Action<OutputChunk>? onOutput, CancellationToken cancellationToken = default) =>
        ExecuteAsync(request, onOutput, input: null, cancellationToken);

    /// <summary>
    /// As <see cref="ExecuteAsync(ExecutionRequest, Action{OutputChunk}?, CancellationToken)"/>, with standard input
    /// the caller supplies while the program runs: it reads the request's <see cref="ExecutionRequest.Input"/>, then
    /// what is written to <paramref name="input"/> as it comes, waiting for it (never past the deadline), and end of
    /// file once it is completed. With <paramref name="onOutput"/> a caller can answer a prompt it has seen.
    /// </summary>
    /// <exception cref="CodeExecutionError">The request cannot run; see the subclasses.</exception>
    public async Task<ExecutionResult> ExecuteAsync(
        ExecutionRequest request, Action<OutputChunk>? onOutput, InteractiveInput? input, CancellationToken cancellationToken = default)
    {
        var executionId = Guid.NewGuid().ToString("N");
        var (validated, runtime) = Prepare(executionId, request, onOutput, input);
        var queuedAt = Stopwatch.GetTimestamp();
        return await _workers!.RunAsync(() => Run(executionId, validated, runtime, queuedAt, cancellationToken));
    }

    /// <summary>
    /// Runs the request now if a slot is free; returns null at once when all <see cref="MaxConcurrency"/> slots
    /// are busy (so a server can answer 429 rather than queue without bound).
    /// </summary>
    public async Task<ExecutionResult?> TryExecuteAsync(ExecutionRequest request, CancellationToken cancellationToken = default) =>
        TryQueue(request, maxWaiting: 0, Timeout.InfiniteTimeSpan, cancellationToken) is { } run ? await run : null;

    /// <summary>
    /// Queues the request for the next free slot, behind at most <paramref name="maxWaiting"/> other waiting requests:
    /// null at once when that many already wait (so a server can answer 429 rather than queue without bound).
    /// The task's result is null when no slot freed up within <paramref name="maxWait"/>; a refused request never runs.
    /// </summary>
    /// <exception cref="CodeExecutionError">The request cannot run; see the subclasses.</exception>
    /// <remarks>The task is cancelled when <paramref name="cancellationToken"/> is while the request waits.</remarks>
    public Task<ExecutionResult?>? TryQueue(ExecutionRequest request, int maxWaiting, TimeSpan maxWait, CancellationToken cancellationToken = default) =>
        TryQueue(request, onOutput: null, maxWaiting, maxWait, cancellationToken);

    /// <summary>
    /// As <see cref="TryQueue(ExecutionRequest, int, TimeSpan, CancellationToken)"/>, handing the output to
    /// <paramref name="onOutput"/> as the program writes it (see <see cref="ExecuteAsync(ExecutionRequest, Action{OutputChunk}?, CancellationToken)"/>).
    /// </summary>
    /// <exception cref="CodeExecutionError">The request cannot run; see the subclasses.</exception>
    public Task<ExecutionResult?>? TryQueue(ExecutionRequest request, Action<OutputChunk>? onOutput, int maxWaiting, TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        var executionId = Guid.NewGuid().ToString("N");
        var (validated, runtime) = Prepare(executionId, request, onOutput, input: null);
        var queuedAt = Stopwatch.GetTimestamp();
        return _workers!.TryRunWithin(() => Run(executionId, validated, runtime, queuedAt, cancellationToken), maxWaiting, maxWait, cancellationToken);
    }

    /// <summary>Grades a program on its tests: see <see cref="Grader"/>.</summary>
    /// <exception cref="CodeExecutionError">The request cannot be graded; the error names the field.</exception>
    public Task<GradingResult> GradeAsync(GradingRequest request, CancellationToken cancellationToken = default) =>
        new Grader(this).GradeAsync(request, cancellationToken);

    /// <summary>Grades one of the request's tests alone (a queued job's item): see <see cref="Grader.GradeTestAsync"/>.</summary>
    /// <exception cref="CodeExecutionError">The test cannot be graded; the error names the field.</exception>
    public Task<TestResult> GradeTestAsync(GradingRequest request, int index, CancellationToken cancellationToken = default) =>
        new Grader(this).GradeTestAsync(request, index, cancellationToken);

    public Task<ExecutionResult> ExecutePythonAsync(string code, string? input = null, ExecutionLimits? limits = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync(new ExecutionRequest { Code = code, Language = ExecutionLanguage.Python, Input = input, Limits = limits }, cancellationToken);

    public Task<ExecutionResult> ExecuteJavaScriptAsync(string code, string? input = null, ExecutionLimits? limits = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync(new ExecutionRequest { Code = code, Language = ExecutionLanguage.JavaScript, Input = input, Limits = limits }, cancellationToken);

    public Task<ExecutionResult> ExecuteTypeScriptAsync(string code, string? input = null, ExecutionLimits? limits = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync(new ExecutionRequest { Code = code, Language = ExecutionLanguage.TypeScript, Input = input, Limits = limits }, cancellationToken);

    public Task<ExecutionResult> ExecuteRubyAsync(string code, string? input = null, ExecutionLimits? limits = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync(new ExecutionRequest { Code = code, Language = ExecutionLanguage.Ruby, Input = input, Limits = limits }, cancellationToken);

    /// <summary>
    /// Runs a WASI preview 1 command module (exports <c>_start</c> and <c>memory</c>) compiled from C, C++, Rust, Go,
    /// Zig...: the bytes of its <c>.wasm</c> file, sent as the request's base64 <c>code</c>.
    /// </summary>
    /// <exception cref="CodeExecutionError">The request cannot run; see the subclasses.</exception>
    public Task<ExecutionResult> ExecuteWasmAsync(
        ReadOnlyMemory<byte> module, string? input = null, ExecutionLimits? limits = null, IReadOnlyList<string>? args = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            new ExecutionRequest { Code = Convert.ToBase64String(module.Span), Language = ExecutionLanguage.Wasm, Input = input, Limits = limits, Args = args },
            cancellationToken);

    /// <summary>
    /// Runs the requests in parallel (bounded by <see cref="MaxConcurrency"/>) and returns their results in
    /// order. A request that cannot run gets a result with <c>Success = false</c> and its error, in its slot.
    /// </summary>
    public async Task<IReadOnlyList<ExecutionResult>> ExecuteMultipleAsync(IEnumerable<ExecutionRequest> requests, CancellationToken cancellationToken = default)
    {
        var tasks = requests.Select(request => ExecuteOrDescribeAsync(request, cancellationToken)).ToList();
        return await Task.WhenAll(tasks);
    }

    /// <summary>Like <see cref="ExecuteAsync(ExecutionRequest, CancellationToken)"/>, but a request that cannot run becomes a failed result instead of an exception.</summary>
    public async Task<ExecutionResult> ExecuteOrDescribeAsync(ExecutionRequest request, CancellationToken cancellationToken = default)
    {
        try
        {
            return await ExecuteAsync(request, cancellationToken);
        }
        catch (CodeExecutionError error)
        {
            return RejectedResult(request.Language, error);
        }
    }

    /// <summary>The result that stands for a request that could not run.</summary>
    public static ExecutionResult RejectedResult(ExecutionLanguage? language, CodeExecutionError error) => new()
    {
        Success = false,
        ExitCode = -1,
        Error = error.Message,
        Language = language,
        Metadata = new ExecutionMetadata { WasSandboxed = false },
    };

    /// <summary>
    /// The result of a request whose execution failed in host code rather than in the guest: a bug of ours that
    /// the request triggered. Names the failure's kind, not its message, which may hold host paths.
    /// </summary>
    public static ExecutionResult HostFailureResult(ExecutionLanguage language, Exception failure)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return new ExecutionResult
        {
            Success = false,
            ExitCode = -1,
            Error = $"The execution failed in the host ({failure.GetType().Name}); the program's result is lost. This is logged as our failure, not the program's.",
            Language = language,
            Metadata = new ExecutionMetadata { StartTime = now, EndTime = now, WasSandboxed = true },
        };
    }

    public ExecutionStatistics GetStatistics() => _statistics.Snapshot();

    public EnvironmentInfo GetEnvironmentInfo(ExecutionLanguage language) =>
        _environments.TryGetValue(language, out var info)
            ? info
            : new EnvironmentInfo
            {
                Language = language,
                Available = false,
                Reason = !IsInitialized ? "The executor is not initialized."
                    : _options.Languages is { } wanted && !wanted.Contains(language) ? "Not loaded: this executor was set up for other languages."
                    : "No runtime for this language is installed.",
            };

    /// <summary>The loaded runtime serving <paramref name="language"/>, if any.</summary>
    internal ILanguageRuntime? RuntimeOf(ExecutionLanguage language) => _runtimes.GetValueOrDefault(language);

    /// <summary>The engine that counts instructions, once a run with a budget has made it; null before.</summary>
    internal SandboxEngine? CountingEngine => _counting?.Engine;

    /// <summary>Languages whose runtime is loaded and available.</summary>
    public IReadOnlyList<ExecutionLanguage> GetSupportedLanguages() =>
        Enum.GetValues<ExecutionLanguage>().Where(language => _runtimes.ContainsKey(language)).ToList();

    /// <summary>Replaces the defaults for requests that leave limits out; checked against the seed's ranges.</summary>
    public void SetDefaultLimits(ExecutionLimits limits) =>
        _defaultLimits = RequestValidator.ValidateLimits(limits, _defaultLimits);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;

        // The workers first: they finish their work, and release its stores, while the runtimes are still there.
        _workers?.Dispose();
        foreach (var runtime in _runtimes.Values.Distinct())
        {
            runtime.Dispose();
        }

        _counting?.Dispose();
        _engine?.Dispose();
        if (_network.IsValueCreated)
        {
            _network.Value.Dispose();
        }

        _initialization.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>True when the runtime serves a language this executor loads (all of them unless limited by the options).</summary>
    private bool IsWanted(RuntimeDescriptor runtime) =>
        runtime.Languages.Any(name => ExecutionLanguageNames.TryParse(name, out var language) && IsWanted(language.Value));

    /// <summary>True when this executor loads <paramref name="language"/> (every language unless limited by the options).</summary>
    private bool IsWanted(ExecutionLanguage language) => _options.Languages is not { } wanted || wanted.Contains(language);

    /// <summary>The request validated, with the caller's output sink and interactive input when given, and its runtime.</summary>
    private (ValidatedRequest, ILanguageRuntime) Prepare(string executionId, ExecutionRequest request, Action<OutputChunk>? onOutput, InteractiveInput? input)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!IsInitialized)
        {
            throw new InvalidOperationException("Call InitializeAsync before executing code.");
        }

        try
        {
            var validated = RequestValidator.Validate(request, _defaultLimits);
            _policy.Check(validated);
            if (!_runtimes.TryGetValue(request.Language, out var runtime))
            {
                var info = GetEnvironmentInfo(request.Language);
                throw new UnsupportedLanguageError(
                    $"language: {request.Language.ToName()} is not available on this executor ({info.Reason}).", request.Language);
            }

            if (validated.NetworkRules is { } rules)
            {
                if (!_options.Network.Enabled)
                {
                    throw new SecurityError("limits.allowNetwork: this service gives programs no network; only false is accepted.", "limits.allowNetwork", request.Language);
                }

                validated = validated with { Network = _network.Value.Open(rules, validated.Limits) };
            }

            return (onOutput is null && input is null ? validated : validated with { OnOutput = onOutput, InteractiveInput = input }, runtime);
        }
        catch (CodeExecutionError error)
        {
            Notify(ExecutionOutcomes.Rejection(executionId, request, error));
            throw;
        }
    }

    private ExecutionResult Run(string executionId, ValidatedRequest request, ILanguageRuntime runtime, long queuedAt, CancellationToken cancellationToken)
    {
        var queued = ExecutionTimings.Ms(Stopwatch.GetElapsedTime(queuedAt));
        Interlocked.Increment(ref _running);
        try
        {
            ExecutionResult result;
            try
            {
                // A budget is counted on the second engine, made now if this is the first run to ask for one.
                var target = request.Limits.MaxInstructions is null || runtime.MetersOwnInstructions ? runtime : _counting!.For(request.Language);
                result = target.Execute(request, cancellationToken);
                result = result with
                {
                    Metadata = result.Metadata with { Timings = (result.Metadata.Timings ?? new ExecutionTimings()) with { QueuedMs = queued } },
                };
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The execution boundary: whatever the request made host code throw, it gets a result.
                LogHostFailure(e, executionId);
                result = HostFailureResult(request.Language, e);
            }

            Notify(ExecutionOutcomes.Record(executionId, request, result));
            LogExecution(executionId, request.Language.ToName(), ExecutionOutcomes.Of(result), result.ExecutionTime);
            return result;
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    private void Notify(ExecutionRecord record)
    {
        foreach (var recorder in _recorders)
        {
            try
            {
                recorder.Record(record);
            }
            catch (Exception e)
            {
                LogRecorderFailed(e, recorder.GetType().Name);
            }
        }
    }

    private async Task<IReadOnlyList<ILanguageRuntime>> LoadRuntimeAsync(ModuleLoader loader, RuntimeCatalog catalog, RuntimeDescriptor descriptor, CancellationToken cancellationToken)
    {
        try
        {
            var module = await Task.Run(() => loader.LoadAsync(descriptor, cancellationToken), cancellationToken);
            LogRuntimeLoaded(descriptor.Name, module.Source.ToString(), module.LoadTime.TotalMilliseconds, loader.Engine.CountsInstructions);
            var runtimes = await LanguageRuntimeRegistry.Default.CreateAsync(loader.Engine, catalog, module, _moduleStore, cancellationToken);
            foreach (var runtime in runtimes.Where(runtime => runtime.Environment.Reason is not null))
            {
                LogRuntimeDegraded(descriptor.Name, runtime.Language.ToName(), runtime.Environment.Reason!);
            }

            return runtimes;
        }
        catch (Exception e) when (e is RuntimeUnavailableException or Wasmtime.WasmtimeException or IOException)
        {
            LogRuntimeUnavailable(e, descriptor.Name, loader.Engine.CountsInstructions);
            if (loader.Engine.CountsInstructions)
            {
                // What languages report is the first engine's; a run with a budget is told why when it asks.
                return [];
            }

            foreach (var name in descriptor.Languages)
            {
                if (ExecutionLanguageNames.TryParse(name, out var language))
                {
                    _environments[language.Value] = new EnvironmentInfo
                    {
                        Language = language.Value,
                        Runtime = descriptor.DisplayName,
                        Version = descriptor.Version,
                        Available = false,
                        Reason = e.Message,
                    };
                }
            }

            return [];
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Execution {ExecutionId} {Language} ended {Outcome} in {DurationMs} ms")]
    private partial void LogExecution(string executionId, string language, string outcome, double durationMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Execution {ExecutionId} failed in host code")]
    private partial void LogHostFailure(Exception exception, string executionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Runtime {Runtime} loaded ({Source}) in {DurationMs} ms (counting instructions: {CountsInstructions})")]
    private partial void LogRuntimeLoaded(string runtime, string source, double durationMs, bool countsInstructions);

    [LoggerMessage(Level = LogLevel.Error, Message = "Runtime {Runtime} is unavailable (counting instructions: {CountsInstructions})")]
    private partial void LogRuntimeUnavailable(Exception exception, string runtime, bool countsInstructions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Runtime {Runtime} serves {Language} degraded: {Reason}")]
    private partial void LogRuntimeDegraded(string runtime, string language, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Execution recorder {Recorder} failed")]
    private partial void LogRecorderFailed(Exception exception, string recorder);
}
