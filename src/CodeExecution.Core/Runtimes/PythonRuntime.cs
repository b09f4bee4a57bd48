using CodeExecution.Core.Model;
using CodeExecution.Core.Sandbox;
using CodeExecution.Core.Validation;
using Wasmtime;

namespace CodeExecution.Core.Runtimes;

/// <summary>
/// CPython compiled to a WASI command module. Each execution gets a fresh store: an interpreter resumed from the
/// <see cref="PythonSnapshot"/> when there is one (instantiating it is all its start-up costs), else one started
/// ahead of the request when a pool is running (<see cref="StartPool"/>), else one started for it (<c>_start</c>
/// with the bootstrap, the program and its arguments in argv).
/// </summary>
/// <remarks>
/// Requests with a file system always start cold: a directory can only be preopened when the store is made, and a
/// resumed interpreter has already looked for its preopened directories.
/// </remarks>
public sealed class PythonRuntime : ILanguageRuntime
{
    private readonly SandboxEngine _engine;
    private readonly LoadedModule _module;
    private readonly Linker _linker;
    private readonly Linker _prestartLinker;
    private readonly RuntimeIdentity _identity;
    private readonly PythonSnapshot? _snapshot;
    private PythonInstancePool? _pool;

    public PythonRuntime(SandboxEngine engine, LoadedModule module)
        : this(engine, module, snapshot: null)
    {
    }

    internal PythonRuntime(SandboxEngine engine, LoadedModule module, PythonSnapshot? snapshot)
    {
        _engine = engine;
        _module = module;
        _snapshot = snapshot;
        _linker = new Linker(engine.Engine);
        _linker.DefineWasi();
        InterruptibleWasi.Define(_linker);
        _prestartLinker = new Linker(engine.Engine);
        _prestartLinker.DefineWasi();
        InterruptibleWasi.Define(_prestartLinker);
        HandoffWasi.Define(_prestartLinker);
        _identity = new RuntimeIdentity(ExecutionLanguage.Python, module.Runtime.DisplayName, module.Runtime.Version);
        Environment = new EnvironmentInfo
        {
            Language = ExecutionLanguage.Python,
            Runtime = module.Runtime.DisplayName,
            Version = module.Runtime.Version,
            Available = true,
            Source = $"{module.Source.ToString().ToLowerInvariant()}: {module.Origin}",
        };
    }

    public ExecutionLanguage Language => ExecutionLanguage.Python;

    public EnvironmentInfo Environment { get; }

    /// <summary>The interpreters kept started ahead of requests, when <see cref="StartPool"/> was called.</summary>
    internal PythonInstancePool? Pool => _pool;

    /// <summary>The snapshot executions resume from, when one could be built.</summary>
    internal PythonSnapshot? Snapshot => _snapshot;

    /// <summary>
    /// Keeps <paramref name="size"/> interpreters started ahead of requests from now on, each used for one request;
    /// 0 leaves every request to start its own. Call once, before executing. With a <see cref="Snapshot"/> this
    /// does nothing: resuming one costs less than handing over to a started interpreter.
    /// </summary>
    public void StartPool(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        if (_pool is not null)
        {
            throw new InvalidOperationException("The pool is already started.");
        }

        if (size > 0 && _snapshot is null)
        {
            _pool = new PythonInstancePool(_engine, _prestartLinker, _module.Module, _identity, size);
        }
    }

    public ExecutionResult Execute(ValidatedRequest request, CancellationToken cancellationToken)
    {
        if (!request.Limits.AllowFileSystem && _snapshot is { } snapshot && snapshot.MemoryBytes <= request.Limits.MaxMemoryBytes)
        {
            return ExecuteResumed(snapshot, request, cancellationToken);
        }

        if (!request.Limits.AllowFileSystem
            && _pool?.TryTake(request.Limits.MaxMemoryBytes) is { } prestarted
            && prestarted.Run(request, cancellationToken) is { } result)
        {
            return result;
        }

        return ExecuteCold(request, cancellationToken);
    }

    public void Dispose()
    {
        _pool?.Dispose();
        _prestartLinker.Dispose();
        _linker.Dispose();
    }

    /// <summary>The result of a finished Python guest; a trailing <c>MemoryError</c> counts as running out of memory.</summary>
    internal static ExecutionResult ToResult(SandboxSession session, GuestTermination termination, RuntimeIdentity identity, long startedAtUnixMs, long? memoryUsed) =>
        OutcomeMapper.ToResult(
            session,
            termination,
            identity,
            startedAtUnixMs,
            memoryUsed,
            guestReportedOutOfMemory: termination.ExitCode == 1 && EndsWithMemoryError(session.Output.Stderr));

    /// <summary>Resumes the snapshot's interpreter in a fresh store; its read of stdin returns the request.</summary>
    private ExecutionResult ExecuteResumed(PythonSnapshot snapshot, ValidatedRequest request, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var handoff = new InputHandoff(onWaiting: () => { });
        var input = PythonRequestEncoding.Encode(
            request.Request.Code,
            request.Request.Args ?? [],
            request.Limits.AllowEnv ? request.Request.Env : null,
            request.Request.Input);
        handoff.TryAssign(new InputHandoff.Assignment(request.Limits, input, cancellationToken));
        using var session = SandboxSession.Resume(_engine, new SandboxSettings { Limits = request.Limits, Args = PythonSnapshot.Args }, handoff, cancellationToken);

        Memory? memory = null;
        var termination = GuestTermination.Of(() =>
        {
            var instance = _prestartLinker.Instantiate(session.Store, snapshot.Module);
            memory = instance.GetMemory("memory");
            instance.GetAction<int>("asyncify_start_rewind")!(snapshot.AsyncifyData);
            instance.GetAction("_start")!.Invoke();
        });

        return ToResult(session, termination, _identity, startedAt, memory?.GetLength());
    }

    private ExecutionResult ExecuteCold(ValidatedRequest request, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var limits = request.Limits;
        var env = limits.AllowEnv ? new Dictionary<string, string>(request.Request.Env ?? new Dictionary<string, string>()) : null;
        var workingDirectory = RequestValidator.RelativeWorkingDirectory(request.Request.WorkingDirectory);
        if (limits.AllowFileSystem)
        {
            // The bootstrap changes into the directory and removes this variable before the program starts.
            env ??= [];
            env["CODEEXEC_CWD"] = $"{RequestValidator.SandboxDirectory}/{workingDirectory}".TrimEnd('/');
        }

        using var session = new SandboxSession(_engine, new SandboxSettings
        {
            Limits = limits,
            Args = ["python", "-I", "-S", "-c", PythonBootstrap.Source, request.Request.Code, .. request.Request.Args ?? []],
            Env = env,
            Input = request.Request.Input,
        }, cancellationToken);

        if (limits.AllowFileSystem && workingDirectory.Length > 0)
        {
            Directory.CreateDirectory(Path.Combine(session.HostDirectory!, workingDirectory));
        }

        Memory? memory = null;
        var termination = GuestTermination.Of(() =>
        {
            var instance = _linker.Instantiate(session.Store, _module.Module);
            memory = instance.GetMemory("memory");
            instance.GetAction("_start")!.Invoke();
        });

        return ToResult(session, termination, _identity, startedAt, memory?.GetLength());
    }

    private static bool EndsWithMemoryError(string stderr)
    {
        var lastLine = stderr.TrimEnd('\n', '\r').Split('\n')[^1];
        return lastLine == "MemoryError" || lastLine.StartsWith("MemoryError:", StringComparison.Ordinal);
    }
}
