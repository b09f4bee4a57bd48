using CodeExecution.Core.Model;
using CodeExecution.Core.Runtimes.Modules;
using CodeExecution.Core.Sandbox;
using Wasmtime;

namespace CodeExecution.Core.Runtimes.Python;

/// <summary>
/// CPython compiled to a WASI reactor (see <c>build/codeexec-python.c</c>). Each execution gets a fresh store whose
/// arguments carry its request (<see cref="PythonRequestEncoding"/>) and calls <c>codeexec_run</c>: in an instance of the
/// <see cref="PythonSnapshot"/> (instantiating it is all its start-up costs), or in a new instance that starts
/// CPython first (cold) when there is no snapshot, the request asks for a file system, or its memory limit is below
/// the snapshot's size.
/// </summary>
/// <remarks>
/// A directory can only be preopened when the store is made, and the snapshot's C library has already listed its
/// preopened directories (only the root); so requests with a file system start cold.
/// </remarks>
public sealed class PythonRuntime : ILanguageRuntime
{
    private readonly SandboxEngine _engine;
    private readonly LoadedModule _module;
    private readonly Linker _linker;
    private readonly RuntimeIdentity _identity;
    private readonly PythonRoot _root;

    /// <param name="engine">The engine the module was compiled for.</param>
    /// <param name="module">The loaded <c>python.wasm</c>, which cold starts instantiate.</param>
    /// <param name="root">The file system every guest sees (the standard library); owned (deleted) by the runtime from now on.</param>
    /// <param name="snapshot">What executions resume from; null to start every execution cold.</param>
    /// <param name="noSnapshotReason">Why there is no snapshot when there should be one (its bake failed); reported in <see cref="Environment"/>.</param>
    internal PythonRuntime(
        SandboxEngine engine, LoadedModule module, PythonRoot root, PythonSnapshot? snapshot, string? noSnapshotReason = null)
    {
        _engine = engine;
        _module = module;
        _root = root;
        Snapshot = snapshot;
        _linker = new Linker(engine.Engine);
        _linker.DefineWasi();
        InterruptibleWasi.Define(_linker);
        PythonNetworkImports.Define(_linker);
        _identity = new RuntimeIdentity(ExecutionLanguage.Python, module.Runtime.DisplayName, module.Runtime.Version);
        Environment = module.Describe(
            ExecutionLanguage.Python, module.Runtime.DisplayName, snapshot is null ? StartKind.Cold : StartKind.Snapshot, noSnapshotReason);
    }

    public ExecutionLanguage Language => ExecutionLanguage.Python;

    public EnvironmentInfo Environment { get; }

    /// <summary>The host directory the guest sees as <c>/</c>.</summary>
    internal string RootDirectory => _root.Directory.HostPath;

    /// <summary>The snapshot executions resume from, when one could be built.</summary>
    internal PythonSnapshot? Snapshot { get; }

    public ExecutionResult Execute(ValidatedRequest request, CancellationToken cancellationToken) =>
        Run(request, Snapshot is { } snapshot && snapshot.MemoryBytes <= request.Limits.MaxMemoryBytes
            ? snapshot
            : null, cancellationToken);

    public void Dispose()
    {
        _linker.Dispose();
        _root.Dispose();
    }

    /// <summary>Runs the request in an instance of <paramref name="snapshot"/>, or of the module started cold when it is null.</summary>
    private ExecutionResult Run(ValidatedRequest request, PythonSnapshot? snapshot, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var limits = request.Limits;
        var workingDirectory = limits.AllowFileSystem
            ? $"{SandboxSettings.SandboxDirectory}/{request.WorkingDirectory}".TrimEnd('/')
            : "";
        using var session = new SandboxSession(_engine, SandboxSettings.For(request, [.. PythonBootstrap.Args, .. PythonRequestEncoding.Fields(request, workingDirectory)]) with
        {
            ReadOnlyDirectories = [_root.Directory],
        }, cancellationToken);

        if (limits.AllowFileSystem && request.WorkingDirectory.Length > 0)
        {
            Directory.CreateDirectory(Path.Combine(session.HostDirectory!, request.WorkingDirectory));
        }

        Memory? memory = null;
        Instance? instance = null;
        var termination = GuestTermination.Of(() =>
        {
            instance = _linker.Instantiate(session.Store, snapshot?.Module ?? _module.Module);
            memory = instance.GetMemory("memory");
            if (snapshot is null)
            {
                instance.GetAction("_initialize")!();
            }

            var run = instance.GetAction("codeexec_run")!;
            session.MarkProgramStart();
            run();
        });

        return OutcomeMapper.ToResult(
            session,
            termination,
            _identity,
            startedAt,
            memory?.GetLength(),
            allocationRefused: termination.ExitCode != 0 && session.Guard.StopReason == StopReason.None && MemoryWasRefused(instance));
    }

    /// <summary>
    /// Whether the store refused the interpreter memory (the C library's sbrk failed; codeexec-python.c keeps the
    /// flag): the engine's account of running out of memory, which a program cannot fake by raising or printing
    /// <c>MemoryError</c>.
    /// </summary>
    private static bool MemoryWasRefused(Instance? instance)
    {
        try
        {
            return instance?.GetFunction<int>("codeexec_memory_refused") is { } refused && refused() != 0;
        }
        catch (WasmtimeException)
        {
            return false;
        }
    }
}
