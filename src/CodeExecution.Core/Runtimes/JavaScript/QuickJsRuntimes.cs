using CodeExecution.Core.Sandbox;

namespace CodeExecution.Core.Runtimes.JavaScript;

/// <summary>Builds the JavaScript and TypeScript runtimes of the <c>quickjs</c> manifest entry, baking (or loading) their images.</summary>
internal static class QuickJsRuntimes
{
    /// <summary>The manifest asset holding the single-file sucrase bundle.</summary>
    public const string TranspilerAsset = "sucrase";

    public static async Task<IReadOnlyList<ILanguageRuntime>> CreateAsync(
        SandboxEngine engine, RuntimeCatalog catalog, LoadedModule module, IPrecompiledModuleStore? store, CancellationToken cancellationToken)
    {
        var runtime = module.Runtime;
        var builder = new QuickJsImageBuilder(engine, store);
        byte[] ReadWasm() => catalog.ReadVerified(runtime.File, runtime.Sha256);
        var prelude = QuickJsPrelude.Scripts;
        var javaScript = Task.Run(() => builder.BuildAsync(runtime, "javascript", module.Module, ReadWasm, prelude, cancellationToken), cancellationToken);

        var asset = runtime.Assets.FirstOrDefault(a => a.Name == TranspilerAsset)
            ?? throw new RuntimeUnavailableException($"The {runtime.Name} runtime lists no '{TranspilerAsset}' asset for TypeScript.");
        var bundle = System.Text.Encoding.UTF8.GetString(catalog.ReadVerified(asset.File, asset.Sha256));
        var transpiler = new QuickJsImageScript(asset.File, $"globalThis.sucrase = (() => {{\n{bundle}\nreturn sucrase;\n}})();\n");
        var typeScript = Task.Run(() => builder.BuildAsync(runtime, "typescript", module.Module, ReadWasm, [transpiler, .. prelude], cancellationToken), cancellationToken);

        return [new JavaScriptRuntime(engine, module, await javaScript), new TypeScriptRuntime(engine, module, await typeScript)];
    }
}
