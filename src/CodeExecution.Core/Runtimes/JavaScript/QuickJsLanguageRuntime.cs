using CodeExecution.Core.Model;
using CodeExecution.Core.Sandbox;
using CodeExecution.Core.Validation;
using Wasmtime;

namespace CodeExecution.Core.Runtimes.JavaScript;

/// <summary>
/// A language served by QuickJS-NG: each execution instantiates the language's baked image in a fresh
/// <see cref="SandboxSession"/> and runs the program with <see cref="QuickJsProgram"/>.
/// </summary>
public abstract class QuickJsLanguageRuntime : ILanguageRuntime
{
    private readonly SandboxEngine _engine;
    private readonly Module _image;
    private readonly Linker _linker;
    private readonly RuntimeIdentity _identity;
    private readonly string _fileName;
    private readonly bool _typeScript;

    private protected QuickJsLanguageRuntime(SandboxEngine engine, LoadedModule module, Module image, ExecutionLanguage language, string fileName, bool typeScript)
    {
        _engine = engine;
        _image = image;
        _fileName = fileName;
        _typeScript = typeScript;
        _linker = new Linker(engine.Engine);
        _linker.DefineWasi();
        InterruptibleWasi.Define(_linker);
        QuickJsHostImports.Define(_linker);
        var displayName = typeScript ? $"{module.Runtime.DisplayName} + sucrase" : module.Runtime.DisplayName;
        _identity = new RuntimeIdentity(language, displayName, module.Runtime.Version);
        Language = language;
        Environment = new EnvironmentInfo
        {
            Language = language,
            Runtime = displayName,
            Version = module.Runtime.Version,
            Available = true,
            Source = $"{module.Source.ToString().ToLowerInvariant()}: {module.Origin}",
        };
    }

    public ExecutionLanguage Language { get; }

    public EnvironmentInfo Environment { get; }

    public ExecutionResult Execute(ValidatedRequest request, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var limits = request.Limits;
        using var session = new SandboxSession(_engine, new SandboxSettings
        {
            Limits = limits,
            Args = ["node", _fileName],
        }, cancellationToken);

        var config = QuickJsStartConfig.Build(
            _fileName, request.Request.Input, request.Request.Args, limits.AllowEnv ? request.Request.Env : null);
        var (termination, memoryUsed, outOfMemory) = QuickJsProgram.Run(
            _linker, _image, session, request.Request.Code, _fileName, config, _typeScript);
        return OutcomeMapper.ToResult(session, termination, _identity, startedAt, memoryUsed, outOfMemory);
    }

    public void Dispose()
    {
        _linker.Dispose();
        GC.SuppressFinalize(this);
    }
}
