using CodeExecution.Core.Model;
using CodeExecution.Core.Runtimes.Modules;
using CodeExecution.Core.Sandbox;

namespace CodeExecution.Core.Runtimes.QuickJs;

/// <summary>
/// TypeScript: the JavaScript runtime's image with sucrase loaded, which strips the types inside the sandbox
/// before the program runs. Types are not checked; syntax errors are reported with line and column.
/// </summary>
public sealed class TypeScriptRuntime : QuickJsLanguageRuntime
{
    public const string FileName = "main.ts";

    internal TypeScriptRuntime(SandboxEngine engine, LoadedModule module, QuickJsImages images, string? coldStartReason = null)
        : base(engine, module, images, coldStartReason, ExecutionLanguage.TypeScript, FileName, typeScript: true)
    {
    }
}
