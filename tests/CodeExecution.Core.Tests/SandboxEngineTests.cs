using CodeExecution.Core.Sandbox;
using Wasmtime;

namespace CodeExecution.Core.Tests;

/// <summary>
/// The engine's pooling allocator: a slot is reused only after its store is disposed, and the next instance in it
/// sees the module's image again, whatever the last one wrote or grew, below or above the resident part.
/// </summary>
public sealed class SandboxEngineTests
{
    /// <summary>One page of memory holding "image" at 16; exports to write, read and grow it.</summary>
    private const string MemoryProbe = """
        (module
          (memory (export "memory") 1)
          (data (i32.const 16) "image")
          (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
          (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
          (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
          (func (export "pages") (result i32) (memory.size)))
        """;

    private const int ImageWord = 0x67616D69; // "imag", little-endian

    private static Store NewStore(SandboxEngine engine)
    {
        var store = new Store(engine.Engine);
        store.SetEpochDeadline(1_000_000);
        return store;
    }

    [Fact]
    public void PooledSlot_ReusedAfterDispose_StartsFromTheImageAgain()
    {
        using var engine = new SandboxEngine(maxLiveInstances: 1);
        using var module = Module.FromText(engine.Engine, "probe", MemoryProbe);
        var beyondResident = (int)(SandboxEngine.KeepResidentBytes + 4096);
        var pagesToReachIt = (beyondResident / 65536) + 1;

        using (var first = NewStore(engine))
        {
            var instance = new Instance(first, module);
            Assert.Equal(1, instance.GetFunction<int, int>("grow")!(pagesToReachIt));
            instance.GetAction<int, int>("store")!(16, 0x5EC2E7);
            instance.GetAction<int, int>("store")!(1024, 0x5EC2E7);
            instance.GetAction<int, int>("store")!(beyondResident, 0x5EC2E7);
            Assert.Equal(0x5EC2E7, instance.GetFunction<int, int>("load")!(beyondResident));
        }

        using var second = NewStore(engine);
        var reused = new Instance(second, module);
        Assert.Equal(1, reused.GetFunction<int>("pages")!());
        Assert.Equal(ImageWord, reused.GetFunction<int, int>("load")!(16));
        Assert.Equal(0, reused.GetFunction<int, int>("load")!(1024));
        Assert.Equal(1 + pagesToReachIt, reused.GetFunction<int, int>("grow")!(pagesToReachIt) + pagesToReachIt);
        Assert.Equal(0, reused.GetFunction<int, int>("load")!(beyondResident));
    }

    [Fact]
    public void Instances_BeyondTheLimit_FailToInstantiate_UntilAStoreIsDisposed()
    {
        using var engine = new SandboxEngine(maxLiveInstances: 2);
        using var module = Module.FromText(engine.Engine, "probe", MemoryProbe);
        using var first = NewStore(engine);
        using var second = NewStore(engine);
        _ = new Instance(first, module);
        _ = new Instance(second, module);

        using (var third = NewStore(engine))
        {
            var refused = Assert.Throws<WasmtimeException>(() => new Instance(third, module));
            Assert.Contains("maximum concurrent", refused.Message, StringComparison.Ordinal);
        }

        second.Dispose();
        using var fourth = NewStore(engine);
        var instance = new Instance(fourth, module);
        Assert.Equal(ImageWord, instance.GetFunction<int, int>("load")!(16));
    }

    [Fact]
    public void PooledMemory_HoldsMoreThanTheLargestRequestLimit_SoTheStoreLimitIsWhatRefuses()
    {
        using var engine = new SandboxEngine(maxLiveInstances: 1);
        using var module = Module.FromText(engine.Engine, "probe", MemoryProbe);
        using var store = NewStore(engine);
        var instance = new Instance(store, module);
        var boundPages = Model.EffectiveLimits.MaxMemoryMBBound * 16;
        var pooledPages = (int)(SandboxEngine.PooledMemoryBytes / 65536);

        Assert.Equal(1, instance.GetFunction<int, int>("grow")!(boundPages));
        Assert.Equal(boundPages + 1, instance.GetFunction<int, int>("grow")!(pooledPages - boundPages - 1));
        Assert.Equal(-1, instance.GetFunction<int, int>("grow")!(1));
    }
}
