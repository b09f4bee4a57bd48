using CodeExecution.Core.Model;
using CodeExecution.Core.Sandbox;
using CodeExecution.Core.Validation;
using Wasmtime;

namespace CodeExecution.Core.Runtimes;

/// <summary>
/// One CPython started ahead of its request on a thread of its own, waiting in its first read of stdin
/// (<see cref="HandoffWasi"/>). It serves exactly one request, then its store is discarded.
/// </summary>
/// <remarks>
/// The guest must block inside a host call until its request comes, so it needs its own thread for its whole
/// life, with a stack as large as <see cref="SandboxWorkers"/>' (the guest's stack lives on it). Before it is
/// assigned, the guest has nothing of any request: no program, arguments, environment, input or output.
/// </remarks>
internal sealed class PrestartedPython
{
    private static readonly string[] Args = ["python", "-I", "-S", "-c", PythonBootstrap.PrestartedSource];
    private static int _started;

    private readonly InputHandoff _handoff;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<ExecutionResult?> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SandboxSession? _session;
    private Memory? _memory;
    private long _startedAtUnixMs;

    /// <summary>Completes when the guest waits for its request, or when it ended without one (failed or closed).</summary>
    public Task Ready => _ready.Task;

    /// <summary>Linear memory the started interpreter already uses, known once <see cref="Ready"/>.</summary>
    public long MemoryBytes { get; private set; }

    /// <summary>Why the interpreter ended without serving a request (closed, or start-up failed); null otherwise.</summary>
    public string? StartupFailure { get; private set; }

    /// <summary>The thread the interpreter lives on; it ends with the interpreter.</summary>
    public Thread Thread { get; }

    /// <summary>Prepares an interpreter; <see cref="Start"/> starts it. <paramref name="onExit"/> runs on its thread when it ends.</summary>
    public PrestartedPython(SandboxEngine engine, Linker linker, Module module, RuntimeIdentity identity, Action<PrestartedPython> onExit)
    {
        _handoff = new InputHandoff(OnWaiting);
        Thread = new Thread(
            () =>
            {
                try
                {
                    Live(engine, linker, module, identity);
                }
                finally
                {
                    onExit(this);
                }
            },
            SandboxEngine.GuestThreadStackBytes)
        {
            IsBackground = true,
            Name = $"python-prestart-{Interlocked.Increment(ref _started)}",
        };
    }

    /// <summary>Starts CPython on <see cref="Thread"/>; it runs its start-up, then waits for its request.</summary>
    public void Start() => Thread.Start();

    /// <summary>
    /// Runs <paramref name="request"/> in this interpreter (waiting for its start-up to finish if needed) and returns
    /// the result; null when it cannot take the request (it ended before, or it already uses more memory than the
    /// request allows), so the caller can run it cold. Call once.
    /// </summary>
    public ExecutionResult? Run(ValidatedRequest request, CancellationToken cancellationToken)
    {
        Ready.GetAwaiter().GetResult();
        if (MemoryBytes > request.Limits.MaxMemoryBytes)
        {
            Close();
            return null;
        }

        var input = PythonRequestEncoding.Encode(
            request.Request.Code,
            request.Request.Args ?? [],
            request.Limits.AllowEnv ? request.Request.Env : null,
            request.Request.Input);
        Volatile.Write(ref _startedAtUnixMs, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        return _handoff.TryAssign(new InputHandoff.Assignment(request.Limits, input, cancellationToken))
            ? _result.Task.GetAwaiter().GetResult()
            : null;
    }

    /// <summary>Ends an interpreter that has no request: one waiting leaves at once, one starting at its next epoch tick.</summary>
    public void Close()
    {
        if (_handoff.Close())
        {
            Volatile.Read(ref _session)?.Guard.RequestStop(StopReason.Timeout);
        }
    }

    /// <summary>On the guest's thread, inside its first read of stdin: start-up is over.</summary>
    private void OnWaiting()
    {
        MemoryBytes = _memory?.GetLength() ?? 0;
        _ready.TrySetResult();
    }

    private void Live(SandboxEngine engine, Linker linker, Module module, RuntimeIdentity identity)
    {
        try
        {
            using var session = SandboxSession.Prestart(engine, Args, _handoff);
            Volatile.Write(ref _session, session);
            var termination = GuestTermination.Of(() =>
            {
                var instance = linker.Instantiate(session.Store, module);
                _memory = instance.GetMemory("memory");
                instance.GetAction("_start")!.Invoke();
            });

            if (!session.IsBound)
            {
                StartupFailure = termination.Trap?.Message ?? $"exit code {termination.ExitCode}";
                _ready.TrySetResult();
                _result.TrySetResult(null);
                return;
            }

            // Report first; the store is torn down after, off the request's path.
            _result.TrySetResult(PythonRuntime.ToResult(session, termination, identity, Volatile.Read(ref _startedAtUnixMs), _memory?.GetLength()));
        }
        catch (Exception e)
        {
            StartupFailure ??= e.Message;
            _ready.TrySetResult();
            if (_handoff.IsAssigned)
            {
                _result.TrySetException(e);
            }
            else
            {
                _result.TrySetResult(null);
            }
        }
    }
}
