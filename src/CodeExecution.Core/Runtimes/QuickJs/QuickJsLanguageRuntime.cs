using CodeExecution.Core.Model;
using CodeExecution.Core.Runtimes.Modules;
using CodeExecution.Core.Sandbox;
using Wasmtime;

namespace CodeExecution.Core.Runtimes.QuickJs;

/// <summary>
/// A language served by QuickJS-NG: each execution instantiates one of the language's <see cref="QuickJsImages"/>
/// (the one its program needs) in a fresh <see cref="SandboxSession"/> and runs the program with <see cref="QuickJsProgram"/>.
/// </summary>
public abstract class QuickJsLanguageRuntime : ILanguageRuntime
{
    private readonly SandboxEngine _engine;
    private readonly QuickJsImages _images;
    private readonly Linker _linker;
    private readonly RuntimeIdentity _identity;
    private readonly string _fileName;
    private readonly bool _typeScript;

    private protected QuickJsLanguageRuntime(
        SandboxEngine engine, LoadedModule module, QuickJsImages images, string? coldStartReason, ExecutionLanguage language, string fileName, bool typeScript)
    {
        _engine = engine;
        _images = images;
        _fileName = fileName;
        _typeScript = typeScript;
        _linker = new Linker(engine.Engine);
        _linker.DefineWasi();
        InterruptibleWasi.Define(_linker);
        QuickJsHostImports.Define(_linker);
        var displayName = typeScript ? $"{module.Runtime.DisplayName} + sucrase" : module.Runtime.DisplayName;
        _identity = new RuntimeIdentity(language, displayName, module.Runtime.Version);
        Language = language;
        Environment = module.Describe(language, displayName, images.Core.IsBaked ? StartKind.Snapshot : StartKind.Cold, coldStartReason);
    }

    public ExecutionLanguage Language { get; }

    public EnvironmentInfo Environment { get; }

    public ExecutionResult Execute(ValidatedRequest request, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        using var session = new SandboxSession(_engine, new SandboxSettings
        {
            Limits = request.Limits,
            Args = ["node", _fileName],
            Files = request.Files,
            OutputFiles = request.OutputFiles,
        }, cancellationToken);

        var config = QuickJsStartConfig.Build(_fileName, request.Input, request.Args, request.Env);
        var image = _images.For(request.Code, request.Limits.MaxMemoryBytes);
        var (termination, memoryUsed, outOfMemory) = QuickJsProgram.Run(
            _linker, image, _images.FullModulesSource, session, request.Code, _fileName, config, _typeScript);
        return OutcomeMapper.ToResult(session, termination, _identity, startedAt, memoryUsed, outOfMemory);
    }

    public void Dispose()
    {
        _linker.Dispose();
        GC.SuppressFinalize(this);
    }
}
