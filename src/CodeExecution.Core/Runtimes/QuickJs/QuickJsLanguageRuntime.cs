using System.Text;
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
    private readonly TranspiledPrograms? _transpiled;

    private protected QuickJsLanguageRuntime(
        SandboxEngine engine, LoadedModule module, QuickJsImages images, string? coldStartReason, ExecutionLanguage language, string fileName, bool typeScript)
    {
        _engine = engine;
        _images = images;
        _fileName = fileName;
        _typeScript = typeScript;
        _transpiled = typeScript && !engine.CountsInstructions ? new TranspiledPrograms() : null;
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

    /// <summary>TypeScript programs already transpiled (null for JavaScript, and where instructions are counted).</summary>
    internal TranspiledPrograms? Transpiled => _transpiled;

    public ExecutionResult Execute(ValidatedRequest request, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        using var session = new SandboxSession(_engine, SandboxSettings.For(request, ["node", _fileName], wasiStdin: false), cancellationToken);

        var fileName = request.EntryPath ?? _fileName;
        var config = QuickJsStartConfig.Build(fileName, request.Input, request.Args, request.Env, interactive: request.InteractiveInput is not null);
        var image = _images.For(ProgramText(request), request.Limits.MaxMemoryBytes);
        var stdin = request.InteractiveInput is { } interactive
            ? new StdinFeed(interactive, request.Limits.MaxInputSize - (long)Encoding.UTF8.GetByteCount(request.Input))
            : null;
        var (termination, memoryUsed, outOfMemory) = QuickJsProgram.Run(
            _linker, image, _images.FullModulesSource, session, request.Code, fileName, config, _typeScript, stdin, _transpiled);
        return OutcomeMapper.ToResult(session, termination, _identity, startedAt, memoryUsed, outOfMemory);
    }

    /// <summary>What the image is chosen by: the program, and the other scripts among its files, which it may load.</summary>
    private static string ProgramText(ValidatedRequest request)
    {
        var scripts = request.Files.Where(file => file.Path != request.EntryPath && ScriptExtensions.Any(file.Path.EndsWith)).ToList();
        if (scripts.Count == 0)
        {
            return request.Code;
        }

        var text = new StringBuilder(request.Code);
        foreach (var script in scripts)
        {
            text.Append('\n').Append(Encoding.UTF8.GetString(script.Content.Span));
        }

        return text.ToString();
    }

    private static readonly string[] ScriptExtensions = [".js", ".mjs", ".cjs", ".ts", ".mts", ".cts"];

    public void Dispose()
    {
        _linker.Dispose();
        GC.SuppressFinalize(this);
    }
}
