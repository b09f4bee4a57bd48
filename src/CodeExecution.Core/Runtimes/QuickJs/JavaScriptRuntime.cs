using CodeExecution.Core.Model;
using CodeExecution.Core.Runtimes.Modules;
using CodeExecution.Core.Sandbox;

namespace CodeExecution.Core.Runtimes.QuickJs;

/// <summary>
/// JavaScript on QuickJS-NG (quickjs-wasi), with a Node-like prelude: console, timers, <c>process</c>,
/// <c>require('fs').readFileSync(0)</c>, scripts and single-file ES modules.
/// </summary>
public sealed class JavaScriptRuntime : QuickJsLanguageRuntime
{
    public const string FileName = "main.js";

    internal JavaScriptRuntime(SandboxEngine engine, LoadedModule module, QuickJsImages images, string? coldStartReason = null)
        : base(engine, module, images, coldStartReason, ExecutionLanguage.JavaScript, FileName, typeScript: false)
    {
    }
}
