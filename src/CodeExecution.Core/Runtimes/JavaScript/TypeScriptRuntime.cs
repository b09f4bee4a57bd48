using CodeExecution.Core.Model;
using CodeExecution.Core.Sandbox;
using Wasmtime;

namespace CodeExecution.Core.Runtimes.JavaScript;

/// <summary>
/// TypeScript: the JavaScript runtime's image with sucrase loaded, which strips the types inside the sandbox
/// before the program runs. Types are not checked; syntax errors are reported with line and column.
/// </summary>
public sealed class TypeScriptRuntime : QuickJsLanguageRuntime
{
    public const string FileName = "main.ts";

    internal TypeScriptRuntime(SandboxEngine engine, LoadedModule module, Module image)
        : base(engine, module, image, ExecutionLanguage.TypeScript, FileName, typeScript: true)
    {
    }
}
