using System.Text;
using CodeExecution.Core.Model;
using CodeExecution.Core.Runtimes.Modules;
using Wasmtime;

namespace CodeExecution.Core.Runtimes.QuickJs;

/// <summary>
/// The <c>quickjs</c> manifest entry: JavaScript and TypeScript, each from an image baked (or loaded) with its
/// scripts. A language whose image cannot be baked starts cold if its scripts start in a fresh instance, and is
/// unavailable if they do not; the other language serves either way.
/// </summary>
internal sealed class QuickJsRuntimeProvider : ILanguageRuntimeProvider
{
    /// <summary>The manifest asset holding the single-file sucrase bundle.</summary>
    public const string TranspilerAsset = "sucrase";

    /// <summary>The manifest asset holding Node's core modules from npm packages (<c>node-modules.js</c>, bundled).</summary>
    public const string NodeModulesAsset = "node-modules";

    /// <summary>The manifest asset holding the larger core modules and Intl (<c>node-modules-full.js</c>, bundled).</summary>
    public const string FullModulesAsset = "node-modules-full";

    public string RuntimeName => "quickjs";

    public async Task<IReadOnlyList<ILanguageRuntime>> CreateAsync(RuntimeBuildContext context, CancellationToken cancellationToken)
    {
        var runtime = context.Module.Runtime;
        var fullModules = ReadFullModules(context.Catalog, runtime);
        var transpiler = () => Transpiler(context.Catalog, runtime);
        var javaScript = Task.Run(() => BuildAsync(context, "javascript", () => JavaScriptScripts(context.Catalog, runtime), cancellationToken), cancellationToken);
        var typeScript = Task.Run(
            () => BuildAsync(context, "typescript", () => [transpiler(), .. JavaScriptScripts(context.Catalog, runtime)], cancellationToken), cancellationToken);
        var javaScriptFull = Task.Run(
            () => BuildFullAsync(context, "javascript-full", fullModules, full => JavaScriptScripts(context.Catalog, runtime, full), cancellationToken),
            cancellationToken);
        var typeScriptFull = Task.Run(
            () => BuildFullAsync(context, "typescript-full", fullModules, full => [transpiler(), .. JavaScriptScripts(context.Catalog, runtime, full)], cancellationToken),
            cancellationToken);

        var (javaScriptImage, javaScriptReason) = await javaScript;
        var (typeScriptImage, typeScriptReason) = await typeScript;
        var (javaScriptFullImage, javaScriptFullReason) = await javaScriptFull;
        var (typeScriptFullImage, typeScriptFullReason) = await typeScriptFull;
        var displayName = runtime.DisplayName;
        return
        [
            javaScriptImage is null
                ? new UnavailableRuntime(ExecutionLanguage.JavaScript, runtime, displayName, javaScriptReason!)
                : new JavaScriptRuntime(context.Engine, context.Module, new QuickJsImages(javaScriptImage, javaScriptFullImage, fullModules?.Source), javaScriptReason ?? javaScriptFullReason),
            typeScriptImage is null
                ? new UnavailableRuntime(ExecutionLanguage.TypeScript, runtime, $"{displayName} + sucrase", typeScriptReason!)
                : new TypeScriptRuntime(context.Engine, context.Module, new QuickJsImages(typeScriptImage, typeScriptFullImage, fullModules?.Source), typeScriptReason ?? typeScriptFullReason),
        ];
    }

    /// <summary>The larger modules' bundle as a script, or null when its asset is missing or fails its hash check (each program then lacks them).</summary>
    private static QuickJsImageScript? ReadFullModules(RuntimeCatalog catalog, RuntimeDescriptor runtime)
    {
        try
        {
            var (file, bundle) = ReadAsset(catalog, runtime, FullModulesAsset, "for Node's larger core modules");
            return new QuickJsImageScript(file, bundle);
        }
        catch (RuntimeUnavailableException)
        {
            return null;
        }
    }

    /// <summary>
    /// The image for programs that name the larger modules: the language's scripts read with <paramref name="fullModules"/>;
    /// only ever baked. Without it (null, and why when the bake failed) such programs get the modules on first use, slower.
    /// </summary>
    private static async Task<(QuickJsImage? Image, string? Reason)> BuildFullAsync(
        RuntimeBuildContext context, string imageName, QuickJsImageScript? fullModules,
        Func<QuickJsImageScript, IReadOnlyList<QuickJsImageScript>> readScripts, CancellationToken cancellationToken)
    {
        if (fullModules is null)
        {
            return (null, null);
        }

        try
        {
            var full = readScripts(fullModules);
            var runtime = context.Module.Runtime;
            var module = await new QuickJsImageBuilder(context.Engine, context.Store).BuildAsync(
                runtime, imageName, context.Module.Module, () => context.Catalog.ReadVerified(runtime.File, runtime.Sha256), full, cancellationToken);
            return (new QuickJsImage(module), null);
        }
        catch (Exception bake) when (bake is not OperationCanceledException)
        {
            return (null, $"The image with Node's larger core modules could not be baked, so programs load them on first use: {bake.Message}");
        }
    }

    /// <summary>
    /// The scripts of a JavaScript image: Node's core modules from npm packages, then the prelude; with
    /// <paramref name="fullModules"/>, that bundle before the prelude and the warm-up after it. Throws
    /// <see cref="RuntimeUnavailableException"/> when the core modules' asset is missing or fails its hash check.
    /// </summary>
    public static IReadOnlyList<QuickJsImageScript> JavaScriptScripts(
        RuntimeCatalog catalog, RuntimeDescriptor runtime, QuickJsImageScript? fullModules = null)
    {
        var (file, bundle) = ReadAsset(catalog, runtime, NodeModulesAsset, "for Node's core modules");
        var coreModules = new QuickJsImageScript(file, bundle);
        return fullModules is null
            ? [coreModules, .. QuickJsPrelude.Scripts]
            : [coreModules, fullModules, .. QuickJsPrelude.Scripts, QuickJsPrelude.WarmUp];
    }

    /// <summary>The sucrase bundle as a script; throws <see cref="RuntimeUnavailableException"/> when its asset is missing or fails its hash check.</summary>
    private static QuickJsImageScript Transpiler(RuntimeCatalog catalog, RuntimeDescriptor runtime)
    {
        var (file, bundle) = ReadAsset(catalog, runtime, TranspilerAsset, "for TypeScript");
        return new QuickJsImageScript(file, $"globalThis.sucrase = (() => {{\n{bundle}\nreturn sucrase;\n}})();\n");
    }

    /// <summary>A manifest asset of the runtime as text, verified against its sha256.</summary>
    private static (string File, string Text) ReadAsset(RuntimeCatalog catalog, RuntimeDescriptor runtime, string name, string purpose)
    {
        var asset = runtime.Assets.FirstOrDefault(a => a.Name == name)
            ?? throw new RuntimeUnavailableException($"The {runtime.Name} runtime lists no '{name}' asset {purpose}.");
        return (asset.File, Encoding.UTF8.GetString(catalog.ReadVerified(asset.File, asset.Sha256)));
    }

    /// <summary>
    /// The language's image: baked (or loaded); else the cold-start image, with why, once a trial start showed
    /// its scripts run; else null, with why.
    /// </summary>
    private static async Task<(QuickJsImage? Image, string? Reason)> BuildAsync(
        RuntimeBuildContext context, string imageName, Func<IReadOnlyList<QuickJsImageScript>> readScripts, CancellationToken cancellationToken)
    {
        var runtime = context.Module.Runtime;
        IReadOnlyList<QuickJsImageScript> scripts;
        try
        {
            scripts = readScripts();
        }
        catch (RuntimeUnavailableException e)
        {
            return (null, e.Message);
        }

        try
        {
            var builder = new QuickJsImageBuilder(context.Engine, context.Store);
            var module = await builder.BuildAsync(
                runtime, imageName, context.Module.Module, () => context.Catalog.ReadVerified(runtime.File, runtime.Sha256), scripts, cancellationToken);
            return (new QuickJsImage(module), null);
        }
        catch (Exception bake) when (bake is not OperationCanceledException)
        {
            var cold = new QuickJsImage(context.Module.Module, scripts);
            try
            {
                TryStart(context, cold);
                return (cold, $"The start-up image could not be baked, so every execution starts cold: {bake.Message}");
            }
            catch (Exception start) when (start is not OperationCanceledException)
            {
                return (null, $"The start-up image could not be baked ({bake.Message}), and a cold start failed too: {start.Message}");
            }
        }
    }

    /// <summary>Starts <paramref name="image"/> once in a throwaway store, so a language that cannot start is not offered.</summary>
    private static void TryStart(RuntimeBuildContext context, QuickJsImage image)
    {
        using var linker = new Linker(context.Engine.Engine);
        linker.DefineWasi();
        QuickJsHostImports.Define(linker);
        using var store = context.Engine.Unmetered(new Store(context.Engine.Engine));
        store.SetWasiConfiguration(new WasiConfiguration());
        store.SetEpochDeadline(1_000_000);
        image.Instantiate(linker, store);
    }
}
