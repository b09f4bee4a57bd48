using CodeExecution.Core.Model;
using CodeExecution.Core.Sandbox;
using Wasmtime;

namespace CodeExecution.Core.Runtimes.JavaScript;

/// <summary>
/// JavaScript on QuickJS-NG (quickjs-wasi), with a Node-like prelude: console, timers, <c>process</c>,
/// <c>require('fs').readFileSync(0)</c>, scripts and single-file ES modules.
/// </summary>
public sealed class JavaScriptRuntime : QuickJsLanguageRuntime
{
    public const string FileName = "main.js";

    internal JavaScriptRuntime(SandboxEngine engine, LoadedModule module, Module image)
        : base(engine, module, image, ExecutionLanguage.JavaScript, FileName, typeScript: false)
    {
    }
}
