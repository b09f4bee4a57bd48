using CodeExecution.Core.Model;
using CodeExecution.Core.Runtimes.Modules;
using CodeExecution.Core.Sandbox;
using Wasmtime;

namespace CodeExecution.Core.Runtimes.Python;

/// <summary>
/// CPython compiled to a WASI command module. Each execution gets a fresh store running <see cref="PythonBootstrap"/>:
/// resumed from the <see cref="PythonSnapshot"/> (instantiating it is all its start-up costs), or started cold for
/// it (<c>_start</c> with the program and its arguments in argv) when there is no snapshot, the request asks for a
/// file system, or its memory limit is below the snapshot's size.
/// </summary>
/// <remarks>
/// A directory can only be preopened when the store is made, and a resumed interpreter has already looked for its
/// preopened directories; so requests with a file system start cold.
/// </remarks>
public sealed class PythonRuntime : ILanguageRuntime
{
    private readonly SandboxEngine _engine;
    private readonly LoadedModule _module;
    private readonly Linker _coldLinker;
    private readonly Linker _resumeLinker;
    private readonly RuntimeIdentity _identity;

    /// <param name="engine">The engine the module was compiled for.</param>
    /// <param name="module">The loaded <c>python.wasm</c>, which cold starts instantiate.</param>
    /// <param name="snapshot">What executions resume from; null to start every execution cold.</param>
    /// <param name="noSnapshotReason">Why there is no snapshot when there should be one (its bake failed); reported in <see cref="Environment"/>.</param>
    internal PythonRuntime(SandboxEngine engine, LoadedModule module, PythonSnapshot? snapshot, string? noSnapshotReason = null)
    {
        _engine = engine;
        _module = module;
        Snapshot = snapshot;
        _coldLinker = new Linker(engine.Engine);
        _coldLinker.DefineWasi();
        InterruptibleWasi.Define(_coldLinker);
        _resumeLinker = new Linker(engine.Engine);
        _resumeLinker.DefineWasi();
        InterruptibleWasi.Define(_resumeLinker);
        ResumedStdinWasi.Define(_resumeLinker);
        _identity = new RuntimeIdentity(ExecutionLanguage.Python, module.Runtime.DisplayName, module.Runtime.Version);
        Environment = module.Describe(
            ExecutionLanguage.Python, module.Runtime.DisplayName, snapshot is null ? StartKind.Cold : StartKind.Snapshot, noSnapshotReason);
    }

    public ExecutionLanguage Language => ExecutionLanguage.Python;

    public EnvironmentInfo Environment { get; }

    /// <summary>The snapshot executions resume from, when one could be built.</summary>
    internal PythonSnapshot? Snapshot { get; }

    public ExecutionResult Execute(ValidatedRequest request, CancellationToken cancellationToken) =>
        !request.Limits.AllowFileSystem && Snapshot is { } snapshot && snapshot.MemoryBytes <= request.Limits.MaxMemoryBytes
            ? ExecuteResumed(snapshot, request, cancellationToken)
            : ExecuteCold(request, cancellationToken);

    public void Dispose()
    {
        _resumeLinker.Dispose();
        _coldLinker.Dispose();
    }

    /// <summary>Resumes the snapshot's interpreter in a fresh store; its read of stdin returns the request.</summary>
    private ExecutionResult ExecuteResumed(PythonSnapshot snapshot, ValidatedRequest request, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        using var session = new SandboxSession(_engine, new SandboxSettings { Limits = request.Limits, Args = PythonBootstrap.WaitingArgs }, cancellationToken);
        session.Attach(new ResumedStdin(PythonRequestEncoding.Encode(request)));

        Memory? memory = null;
        var termination = GuestTermination.Of(() =>
        {
            var instance = _resumeLinker.Instantiate(session.Store, snapshot.Module);
            memory = instance.GetMemory("memory");
            instance.GetAction<int>("asyncify_start_rewind")!(snapshot.AsyncifyData);
            instance.GetAction("_start")!.Invoke();
        });

        return ToResult(session, termination, startedAt, memory?.GetLength());
    }

    private ExecutionResult ExecuteCold(ValidatedRequest request, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var limits = request.Limits;
        var env = new Dictionary<string, string>(request.Env);
        if (limits.AllowFileSystem)
        {
            // The bootstrap changes into the directory and removes this variable before the program starts.
            env["CODEEXEC_CWD"] = $"{SandboxSettings.SandboxDirectory}/{request.WorkingDirectory}".TrimEnd('/');
        }

        using var session = new SandboxSession(_engine, new SandboxSettings
        {
            Limits = limits,
            Args = PythonBootstrap.ColdArgs(request.Code, request.Args),
            Env = env,
            Input = request.Input,
        }, cancellationToken);

        if (limits.AllowFileSystem && request.WorkingDirectory.Length > 0)
        {
            Directory.CreateDirectory(Path.Combine(session.HostDirectory!, request.WorkingDirectory));
        }

        Memory? memory = null;
        var termination = GuestTermination.Of(() =>
        {
            var instance = _coldLinker.Instantiate(session.Store, _module.Module);
            memory = instance.GetMemory("memory");
            instance.GetAction("_start")!.Invoke();
        });

        return ToResult(session, termination, startedAt, memory?.GetLength());
    }

    /// <summary>The result of a finished Python guest; a trailing <c>MemoryError</c> counts as running out of memory.</summary>
    private ExecutionResult ToResult(SandboxSession session, GuestTermination termination, long startedAtUnixMs, long? memoryUsed) =>
        OutcomeMapper.ToResult(
            session,
            termination,
            _identity,
            startedAtUnixMs,
            memoryUsed,
            guestReportedOutOfMemory: termination.ExitCode == 1 && EndsWithMemoryError(session.Output.Stderr));

    private static bool EndsWithMemoryError(string stderr)
    {
        var lastLine = stderr.TrimEnd('\n', '\r').Split('\n')[^1];
        return lastLine == "MemoryError" || lastLine.StartsWith("MemoryError:", StringComparison.Ordinal);
    }
}
