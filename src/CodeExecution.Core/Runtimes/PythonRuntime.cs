using CodeExecution.Core.Model;
using CodeExecution.Core.Sandbox;
using CodeExecution.Core.Validation;
using Wasmtime;

namespace CodeExecution.Core.Runtimes;

/// <summary>
/// CPython compiled to a WASI command module. Each execution instantiates it in a fresh store and runs
/// <c>_start</c> with the bootstrap, the program and its arguments in argv.
/// </summary>
public sealed class PythonRuntime : ILanguageRuntime
{
    private readonly SandboxEngine _engine;
    private readonly LoadedModule _module;
    private readonly Linker _linker;
    private readonly RuntimeIdentity _identity;

    public PythonRuntime(SandboxEngine engine, LoadedModule module)
    {
        _engine = engine;
        _module = module;
        _linker = new Linker(engine.Engine);
        _linker.DefineWasi();
        InterruptibleWasi.Define(_linker);
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

    public ExecutionResult Execute(ValidatedRequest request, CancellationToken cancellationToken)
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

        return OutcomeMapper.ToResult(
            session,
            termination,
            _identity,
            startedAt,
            memory?.GetLength(),
            guestReportedOutOfMemory: termination.ExitCode == 1 && EndsWithMemoryError(session.Output.Stderr));
    }

    public void Dispose() => _linker.Dispose();

    private static bool EndsWithMemoryError(string stderr)
    {
        var lastLine = stderr.TrimEnd('\n', '\r').Split('\n')[^1];
        return lastLine == "MemoryError" || lastLine.StartsWith("MemoryError:", StringComparison.Ordinal);
    }
}
