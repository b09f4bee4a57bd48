using CodeExecution.Core.Model;
using CodeExecution.Core.Runtimes.Modules;
using CodeExecution.Core.Sandbox;
using Wasmtime;

namespace CodeExecution.Core.Runtimes.Ruby;

/// <summary>
/// CRuby 3.4 compiled to a WASI reactor (<c>@ruby/3.4-wasm-wasi</c>'s <c>ruby+stdlib.wasm</c>, the standard library
/// packed inside). Each execution gets a fresh store and evaluates its request's call of the prelude's
/// <c>CodeExecutionSandbox.run</c> (<see cref="RubyRequestEncoding"/>), which ends with <c>exit!</c>: in an instance
/// of the <see cref="RubySnapshot"/> (instantiating it is all its start-up costs), or in a new instance that starts
/// Ruby first (cold) when there is no snapshot, the request asks for a file system, or its memory limit is below the
/// snapshot's size.
/// </summary>
/// <remarks>
/// A directory can only be preopened when the store is made, and the snapshot's C library has already listed its
/// preopened directories (none); so requests with a file system start cold.
/// </remarks>
public sealed class RubyRuntime : ILanguageRuntime
{
    private readonly SandboxEngine _engine;
    private readonly LoadedModule _module;
    private readonly Linker _linker;
    private readonly RuntimeIdentity _identity;

    /// <param name="engine">The engine the module was compiled for.</param>
    /// <param name="module">The loaded <c>ruby+stdlib.wasm</c>, which cold starts instantiate.</param>
    /// <param name="snapshot">What executions resume from; null to start every execution cold.</param>
    /// <param name="noSnapshotReason">Why there is no snapshot when there should be one (its bake failed); reported in <see cref="Environment"/>.</param>
    internal RubyRuntime(SandboxEngine engine, LoadedModule module, RubySnapshot? snapshot, string? noSnapshotReason = null)
    {
        _engine = engine;
        _module = module;
        Snapshot = snapshot;
        _linker = new Linker(engine.Engine);
        _linker.DefineWasi();
        InterruptibleWasi.Define(_linker);
        RubyHostImports.Define(_linker, module.Module);
        _identity = new RuntimeIdentity(ExecutionLanguage.Ruby, module.Runtime.DisplayName, module.Runtime.Version);
        Environment = module.Describe(
            ExecutionLanguage.Ruby, module.Runtime.DisplayName, snapshot is null ? StartKind.Cold : StartKind.Snapshot, noSnapshotReason);
    }

    public ExecutionLanguage Language => ExecutionLanguage.Ruby;

    public EnvironmentInfo Environment { get; }

    /// <summary>The snapshot executions resume from, when one could be built.</summary>
    internal RubySnapshot? Snapshot { get; }

    public ExecutionResult Execute(ValidatedRequest request, CancellationToken cancellationToken) =>
        Run(request, Snapshot is { } snapshot && !request.Limits.AllowFileSystem && snapshot.MemoryBytes <= request.Limits.MaxMemoryBytes
            ? snapshot
            : null, cancellationToken);

    public void Dispose() => _linker.Dispose();

    /// <summary>Runs the request in an instance of <paramref name="snapshot"/>, or of the module started cold when it is null.</summary>
    private ExecutionResult Run(ValidatedRequest request, RubySnapshot? snapshot, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var limits = request.Limits;
        var workingDirectory = limits.AllowFileSystem
            ? $"{SandboxSettings.SandboxDirectory}/{request.WorkingDirectory}".TrimEnd('/')
            : "";
        using var session = new SandboxSession(_engine, SandboxSettings.For(request, RubyInterpreter.Args), cancellationToken);

        if (limits.AllowFileSystem && request.WorkingDirectory.Length > 0)
        {
            Directory.CreateDirectory(Path.Combine(session.HostDirectory!, request.WorkingDirectory));
        }

        Memory? memory = null;
        long memoryAtProgramStart = 0;
        var termination = GuestTermination.Of(() =>
        {
            var instance = _linker.Instantiate(session.Store, snapshot?.Module ?? _module.Module);
            memory = instance.GetMemory("memory");
            if (snapshot is null)
            {
                RubyInterpreter.Start(instance);
            }

            session.MarkProgramStart();
            memoryAtProgramStart = memory!.GetLength();
            var tag = RubyInterpreter.Evaluate(instance, RubyRequestEncoding.Call(request, workingDirectory));
            throw new InvalidOperationException($"Ruby's sandbox returned (tag {tag}) instead of exiting with the program's status.");
        });

        var memoryUsed = memory?.GetLength();
        return OutcomeMapper.ToResult(
            session,
            termination,
            _identity,
            startedAt,
            memoryUsed,
            // Grown during the program: a program failing for another reason at the snapshot's size is no memory verdict.
            allocationRefused: OutcomeMapper.FailedNearTheMemoryLimit(termination, memoryUsed, limits) && memoryUsed > memoryAtProgramStart);
    }
}
