using System.Text.RegularExpressions;
using CodeExecution.Core.Model;
using CodeExecution.Core.Runtimes;
using CodeExecution.Core.Runtimes.Modules;
using CodeExecution.Core.Runtimes.Python;
using CodeExecution.Core.Sandbox;
using Wasmtime;

namespace CodeExecution.Core.Tests;

/// <summary>
/// Python resumed from the snapshot of an interpreter waiting for its request: the snapshot is built from the
/// pinned inputs and shares nothing random between executions but CPython's string-hash key.
/// Isolation and limits on this path are covered by <see cref="PythonStartPathTests"/> (its "resumed" runs).
/// </summary>
[Collection(ExecutorCollection.Name)]
public sealed class PythonSnapshotTests(ExecutorFixture fixture)
{
    [Fact]
    public async Task AsyncifyOnlyList_CoversTheStackAtTheWait()
    {
        using var engine = new SandboxEngine();
        var catalog = RuntimeCatalog.Load();
        var loader = new ModuleLoader(engine, catalog, new DiskPrecompiledModuleStore(ExecutorFixture.ModuleCacheDirectory));
        var module = (await loader.LoadAsync(catalog.Manifest.Runtimes.Single(runtime => runtime.Name == "python"))).Module;
        using var linker = new Linker(engine.Engine);
        linker.DefineWasi();
        linker.AllowShadowing = true;
        linker.DefineFunction("wasi_snapshot_preview1", "fd_read", (int fd, int iovs, int iovsLength, int readPointer) =>
            fd == 0 ? throw new InvalidOperationException("waiting for the request") : 8);
        using var store = new Store(engine.Engine);
        store.SetWasiConfiguration(new WasiConfiguration().WithArgs(PythonBootstrap.WaitingArgs));
        store.SetEpochDeadline(1_000_000);
        var instance = linker.Instantiate(store, module);

        var trap = Assert.ThrowsAny<WasmtimeException>(() => instance.GetAction("_start")!());

        // binaryen names the functions of a module without a name section by their index among defined functions.
        var imported = module.Imports.OfType<FunctionImport>().Count();
        var stack = Regex.Matches(trap.ToString(), @"<wasm function (\d+)>")
            .Select(match => (int.Parse(match.Groups[1].Value) - imported).ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ToHashSet();
        var onlyList = File.ReadLines(Path.Combine(RepositoryRoot(), "src", "CodeExecution.Core", "Runtimes", "Python", "asyncify-onlylist.txt"))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToHashSet();
        Assert.NotEmpty(stack);
        Assert.Subset(onlyList, stack);
    }

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
        Assert.Equal(runtime.Snapshot.MemoryBytes - PythonSnapshot.AsyncifyDataBytes, runtime.Snapshot.AsyncifyData);
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

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CodeExecution.Functions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository root (with CodeExecution.Functions.sln) was not found above the test's directory.");
    }
}
