using CodeExecution.Core.Model;
using CodeExecution.Core.Sandbox;
using Wasmtime;

namespace CodeExecution.Core.Runtimes.Wasm;

/// <summary>
/// Runs the user's own WebAssembly: a WASI preview 1 command module (C, C++, Rust, Go, Zig...), given as the request's
/// <see cref="ValidatedRequest.Module"/>. Each execution gets a fresh store, as every language's does, with the same
/// WASI, limits, input, arguments, environment and files; its module is compiled once (<see cref="CompiledModuleCache"/>)
/// and its <c>_start</c> called.
/// </summary>
/// <remarks>
/// A module that cannot run (invalid, a feature or import the sandbox does not allow) fails as a program that does not
/// compile does: exit code 1, the reason on stderr. The program's argv[0] is <c>main.wasm</c>; it starts in <c>/</c>
/// (WASI has no working directory to give it), so its files are under <c>/sandbox</c> by absolute path or after a
/// <c>chdir</c>. It meters its own instruction budgets, on an engine of <see cref="WasmEngines"/>.
/// </remarks>
public sealed class WasmRuntime : ILanguageRuntime
{
    /// <summary>The program's name, argv[0].</summary>
    public const string ProgramName = "main.wasm";

    private readonly WasmEngines _engines;
    private readonly WasmModuleCompiler _compiler = new();
    private readonly Linker _linker;
    private readonly Lazy<Linker> _countingLinker;
    private readonly WasiPreview1 _wasi;
    private readonly RuntimeIdentity _identity;

    internal WasmRuntime(WasmEngines engines, WasmCompiler compiler)
    {
        _engines = engines;
        _linker = WasiLinker(engines.Uncounted.Engine);
        _wasi = WasiPreview1.DefinedBy(_linker, engines.Uncounted.Engine);
        _countingLinker = new(() => WasiLinker(engines.For(countsInstructions: true).Engine), LazyThreadSafetyMode.ExecutionAndPublication);
        var name = $"Wasmtime {compiler} (WASI preview 1)";
        _identity = new RuntimeIdentity(ExecutionLanguage.Wasm, name, SandboxEngine.WasmtimeVersion);
        Environment = new EnvironmentInfo
        {
            Language = ExecutionLanguage.Wasm,
            Runtime = name,
            Version = SandboxEngine.WasmtimeVersion,
            Available = true,
            Source = "request: the program's own module, compiled on first use and kept by its sha256",
            Start = StartKind.Cold,
        };
    }

    public ExecutionLanguage Language => ExecutionLanguage.Wasm;

    public EnvironmentInfo Environment { get; }

    /// <summary>Runs requests with an instruction budget itself, on its own counting engine.</summary>
    public bool MetersOwnInstructions => true;

    /// <summary>Modules compiled so far on the engine for runs without an instruction budget.</summary>
    internal long Compilations => _engines.Uncounted.Cache.Compilations;

    public ExecutionResult Execute(ValidatedRequest request, CancellationToken cancellationToken)
    {
        var counting = request.Limits.MaxInstructions is not null;
        var (engine, cache) = _engines.For(counting);
        var (compiled, compiledNow) = cache.GetOrCompile(request.Module, wasm => _compiler.Compile(engine, _wasi, wasm.Span));
        var result = Run(request, engine, counting ? _countingLinker.Value : _linker, compiled, cancellationToken);
        var timings = result.Metadata.Timings ?? new ExecutionTimings();
        return result with
        {
            Metadata = result.Metadata with { Timings = timings with { CompileMs = compiledNow ? ExecutionTimings.Ms(compiled.CompileTime) : null } },
        };
    }

    public void Dispose()
    {
        _linker.Dispose();
        if (_countingLinker.IsValueCreated)
        {
            _countingLinker.Value.Dispose();
        }

        _compiler.Dispose();
        _engines.Dispose();
    }

    private ExecutionResult Run(ValidatedRequest request, SandboxEngine engine, Linker linker, CompiledWasm compiled, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var limits = request.Limits;
        using var session = new SandboxSession(engine, SandboxSettings.For(request, [ProgramName, .. request.Args]) with { Env = request.Env }, cancellationToken);

        if (compiled.Module is null)
        {
            // As a compiler's diagnostic: on stderr, exit code 1; nothing of the module ran.
            session.Output.WriteStderr($"{WasmModuleCompiler.DiagnosticPrefix}{compiled.Refusal}\n");
            return OutcomeMapper.ToResult(session, GuestTermination.Exited(1), _identity, startedAt, memoryUsed: null, allocationRefused: false);
        }

        if (compiled.MinimumMemoryBytes > limits.MaxMemoryBytes)
        {
            // The store would refuse the instance its memory: the verdict is the memory limit's, without trying.
            session.Output.WriteStderr(
                $"{WasmModuleCompiler.DiagnosticPrefix}the module's memory starts at {compiled.MinimumMemoryBytes} bytes "
                + $"(its declared minimum); limits.maxMemoryMB allows {limits.MaxMemoryBytes}.\n");
            return OutcomeMapper.ToResult(session, GuestTermination.Exited(1), _identity, startedAt, compiled.MinimumMemoryBytes, allocationRefused: true);
        }

        Memory? memory = null;
        var termination = GuestTermination.Of(() =>
        {
            var instance = linker.Instantiate(session.Store, compiled.Module);
            memory = instance.GetMemory("memory");
            var start = instance.GetAction("_start")!;
            session.MarkProgramStart();
            start();
        });

        var memoryUsed = memory?.GetLength();
        return OutcomeMapper.ToResult(
            session,
            termination,
            _identity,
            startedAt,
            memoryUsed,
            allocationRefused: OutcomeMapper.FailedNearTheMemoryLimit(termination, memoryUsed, limits));
    }

    /// <summary>A linker with WASI preview 1 and nothing else: Wasmtime's, with the calls that block or tell time interruptible.</summary>
    private static Linker WasiLinker(SandboxEngine engine)
    {
        var linker = new Linker(engine.Engine);
        linker.DefineWasi();
        InterruptibleWasi.Define(linker);
        return linker;
    }
}
