using CodeExecution.Core.Model;
using CodeExecution.Core.Runtimes;
using CodeExecution.Core.Runtimes.Modules;
using CodeExecution.Core.Runtimes.Python;
using CodeExecution.Core.Sandbox;
using Wasmtime;

namespace CodeExecution.Core.Tests;

/// <summary>
/// Python started from the snapshot of an interpreter that has run the bootstrap's preparations: the snapshot is
/// built from the pinned inputs and shares nothing random between executions but CPython's string-hash key.
/// Isolation and limits on this path are covered by <see cref="PythonStartPathTests"/> (its "resumed" runs).
/// </summary>
[Collection(ExecutorCollection.Name)]
public sealed class PythonSnapshotTests(ExecutorFixture fixture)
{
    [Fact]
    public async Task Runtime_WithItsSnapshot_ResumesFromIt()
    {
        using var engine = new SandboxEngine();
        var catalog = RuntimeCatalog.Load();
        var store = new DiskPrecompiledModuleStore(ExecutorFixture.ModuleCacheDirectory);
        var module = await new ModuleLoader(engine, catalog, store).LoadAsync(catalog.Manifest.Runtimes.Single(runtime => runtime.Name == "python"));

        using var runtime = (PythonRuntime)(await LanguageRuntimeRegistry.Default.CreateAsync(engine, catalog, module, store)).Single();

        Assert.NotNull(runtime.Snapshot);
        Assert.Equal(StartKind.Snapshot, runtime.Environment.Start);
        Assert.Null(runtime.Environment.Reason);
    }

    [Fact]
    public async Task Resumed_RandomnessIsFreshEachTime_TheStringHashKeyIsShared()
    {
        const string Code = "import os, random, sys\nprint(len(sys.orig_argv), random.random(), os.urandom(8).hex(), hash('codeexec'))";

        var first = (await fixture.RunAsync(ExecutionLanguage.Python, Code)).Stdout.Split(' ');
        var second = (await fixture.RunAsync(ExecutionLanguage.Python, Code)).Stdout.Split(' ');

        Assert.Equal("5", first[0]);
        Assert.NotEqual(first[1], second[1]);
        Assert.NotEqual(first[2], second[2]);
        Assert.Equal(first[3], second[3]);
    }

    [Fact]
    public async Task Resumed_HelloWorld_Succeeds()
    {
        var result = await fixture.RunAsync(ExecutionLanguage.Python, "print('hello')");

        Assert.True(result.Success, result.Stderr);
        Assert.Equal("hello\n", result.Stdout);
        Assert.Equal("", result.Stderr);
    }
}
