using CodeExecution.Core.Errors;
using CodeExecution.Core.Model;
using CodeExecution.Core.Runtimes.Modules;
using CodeExecution.Core.Runtimes.QuickJs;
using CodeExecution.Core.Sandbox;
using CodeExecution.Core.Validation;
using CodeExecution.Testing;

namespace CodeExecution.Core.Tests.Runtimes;

/// <summary>
/// A broken runtime artifact takes down only what it must: a start-up image that cannot be baked falls back to a
/// cold start (said in the environment), a runtime that cannot load is unavailable, and the others serve.
/// </summary>
public sealed class RuntimeFallbackTests
{
    private const string PythonProgram = """
        import sys
        name = sys.stdin.read().strip()
        print('hello', name, sum(i * i for i in range(10)))
        try:
            1 / 0
        except ZeroDivisionError as e:
            print('caught', e)
        print('to stderr', file=sys.stderr)
        sys.exit(3)
        """;

    private const string JavaScriptProgram = """
        const input = require('fs').readFileSync(0, 'utf8');
        console.log({ input, doubled: [1, 2], nested: { deep: { deeper: 1 } } });
        console.error('to stderr');
        setTimeout(() => console.log('timer'), 0);
        Promise.resolve().then(() => console.log('microtask'));
        process.nextTick(() => console.log('tick'));
        console.log(typeof Math.random(), process.argv.length, [undefined, null, 1n, Symbol('s')]);
        """;

    [Fact]
    public async Task PythonSnapshot_ThatCannotBeBaked_StartsColdAndSaysWhy_AsCPythonWould()
    {
        using var runtimes = new RuntimesFolder();
        runtimes.BreakPythonSnapshot();
        await using var executor = await StartAsync(runtimes, ExecutorFixture.ModuleCacheDirectory);

        var python = executor.GetEnvironmentInfo(ExecutionLanguage.Python);
        var result = await executor.ExecutePythonAsync(PythonProgram, "Ada");
        var native = await Native.RunAsync("python3", "main.py", PythonProgram, "Ada");
        var argv = await executor.ExecutePythonAsync("import sys\nprint(len(sys.orig_argv))");

        Assert.True(python.Available);
        Assert.Equal(StartKind.Cold, python.Start);
        Assert.StartsWith("The start-up snapshot could not be baked, so every execution starts cold: ", python.Reason);
        Assert.Equal((native.ExitCode, native.Stdout, native.Stderr), (result.ExitCode, result.Stdout, result.Stderr));
        Assert.Equal("9\n", argv.Stdout);
        Assert.Equal(StartKind.Snapshot, executor.GetEnvironmentInfo(ExecutionLanguage.JavaScript).Start);
    }

    [Fact]
    public async Task PythonModule_ThatFailsItsHashCheck_IsUnavailable_WhileJavaScriptAndTypeScriptServe()
    {
        using var runtimes = new RuntimesFolder();
        using var cache = new TemporaryDirectory();
        runtimes.Replace(RuntimesFolder.PythonWasm, [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], pin: false);
        await using var executor = await StartAsync(runtimes, cache.Path);

        var python = executor.GetEnvironmentInfo(ExecutionLanguage.Python);
        var refused = await Assert.ThrowsAsync<UnsupportedLanguageError>(() => executor.ExecutePythonAsync("print(1)"));
        var javaScript = await executor.ExecuteJavaScriptAsync(JavaScriptProgram, "Ada");
        var native = await Native.RunAsync("node", "main.js", JavaScriptProgram, "Ada");
        var typeScript = await executor.ExecuteTypeScriptAsync("const n: number = 6 * 7;\nconsole.log(`typed ${n}`);");

        Assert.False(python.Available);
        Assert.Null(python.Start);
        Assert.Contains("but the manifest pins", python.Reason);
        Assert.StartsWith("language: python is not available on this executor (", refused.Message);
        Assert.Equal([ExecutionLanguage.JavaScript, ExecutionLanguage.TypeScript], executor.GetSupportedLanguages());
        Assert.Equal((native.ExitCode, native.Stdout, native.Stderr), (javaScript.ExitCode, javaScript.Stdout, javaScript.Stderr));
        Assert.Equal("typed 42\n", typeScript.Stdout);
    }

    [Fact]
    public async Task TranspilerBundle_ThatThrows_MakesTypeScriptUnavailable_WhileJavaScriptAndPythonServe()
    {
        using var runtimes = new RuntimesFolder();
        runtimes.Replace(RuntimesFolder.SucraseBundle, "throw new Error('broken bundle');\n"u8.ToArray(), pin: true);
        await using var executor = await StartAsync(runtimes, ExecutorFixture.ModuleCacheDirectory);

        var typeScript = executor.GetEnvironmentInfo(ExecutionLanguage.TypeScript);
        var refused = await Assert.ThrowsAsync<UnsupportedLanguageError>(() => executor.ExecuteTypeScriptAsync("console.log(1)"));
        var javaScript = await executor.ExecuteJavaScriptAsync("console.log('still here')");
        var python = await executor.ExecutePythonAsync("print('still here')");

        Assert.False(typeScript.Available);
        Assert.Contains("Error: broken bundle", typeScript.Reason);
        Assert.Contains("a cold start failed too", typeScript.Reason);
        Assert.StartsWith("language: typescript is not available on this executor (", refused.Message);
        Assert.Equal(StartKind.Snapshot, executor.GetEnvironmentInfo(ExecutionLanguage.JavaScript).Start);
        Assert.Equal(StartKind.Snapshot, executor.GetEnvironmentInfo(ExecutionLanguage.Python).Start);
        Assert.Equal(("still here\n", "still here\n"), (javaScript.Stdout, python.Stdout));
    }

    [Fact]
    public async Task JavaScript_FromAColdImage_RunsAsFromTheBakedImage_AndAsNode()
    {
        using var engine = new SandboxEngine(maxLiveInstances: 4);
        var catalog = RuntimeCatalog.Load();
        var quickJs = catalog.Manifest.Runtimes.Single(runtime => runtime.Name == "quickjs");
        var module = await new ModuleLoader(engine, catalog, new DiskPrecompiledModuleStore(ExecutorFixture.ModuleCacheDirectory)).LoadAsync(quickJs);
        var scripts = QuickJsRuntimeProvider.JavaScriptScripts(catalog, quickJs);
        using var cold = new JavaScriptRuntime(engine, module, new QuickJsImages(new QuickJsImage(module.Module, scripts), null, null), "baking was skipped");
        var request = RequestValidator.Validate(
            new ExecutionRequest { Language = ExecutionLanguage.JavaScript, Code = JavaScriptProgram, Input = "Ada" }, EffectiveLimits.Default);

        var result = RunOnGuestThread(() => cold.Execute(request, CancellationToken.None));
        var native = await Native.RunAsync("node", "main.js", JavaScriptProgram, "Ada");

        Assert.Equal(StartKind.Cold, cold.Environment.Start);
        Assert.Equal("baking was skipped", cold.Environment.Reason);
        Assert.Equal((native.ExitCode, native.Stdout, native.Stderr), (result.ExitCode, result.Stdout, result.Stderr));
    }

    private static async Task<CodeExecutor> StartAsync(RuntimesFolder runtimes, string moduleCache)
    {
        var executor = new CodeExecutor(new CodeExecutorOptions
        {
            RuntimesDirectory = runtimes.Directory,
            ModuleCacheDirectory = moduleCache,
            MaxConcurrency = 1,
            // The runtimes these tests break and the ones that must serve beside them: Ruby would only add minutes of
            // compiling ruby.wasm into the fresh caches.
            Languages = [ExecutionLanguage.Python, ExecutionLanguage.JavaScript, ExecutionLanguage.TypeScript],
        });
        await executor.InitializeAsync();
        return executor;
    }

    /// <summary>Runs a guest on a thread with the stack the executor's own sandbox threads have.</summary>
    private static ExecutionResult RunOnGuestThread(Func<ExecutionResult> run)
    {
        ExecutionResult? result = null;
        var thread = new Thread(() => result = run(), SandboxEngine.GuestThreadStackBytes);
        thread.Start();
        thread.Join();
        return result!;
    }

    private sealed class TemporaryDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("codeexec-modules-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
