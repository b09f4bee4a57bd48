using CodeExecution.Core.Runtimes.Wasm;

namespace CodeExecution.Core.Tests.Wasm;

/// <summary>The compiled-module cache: one compilation per module's bytes, least recently used out past its bound.</summary>
public sealed class CompiledModuleCacheTests
{
    [Fact]
    public void Cache_KeepsModulesBySha256_AndPushesOutTheLeastRecentlyUsedPastItsBound()
    {
        // Room for two 100-byte modules (each weighed at 500 estimated compiled bytes).
        var cache = new CompiledModuleCache(maxBytes: 1000);
        var compiled = new List<byte>();
        CompiledWasm Compile(ReadOnlyMemory<byte> wasm)
        {
            compiled.Add(wasm.Span[0]);
            return CompiledWasm.Refused("test", wasm.Length, TimeSpan.Zero);
        }

        byte[] Module(byte tag) => [tag, .. new byte[99]];

        Assert.True(cache.GetOrCompile(Module(1), Compile).Compiled);
        Assert.True(cache.GetOrCompile(Module(2), Compile).Compiled);
        Assert.False(cache.GetOrCompile(Module(1), Compile).Compiled);
        Assert.True(cache.GetOrCompile(Module(3), Compile).Compiled);
        Assert.False(cache.GetOrCompile(Module(1), Compile).Compiled);
        Assert.True(cache.GetOrCompile(Module(2), Compile).Compiled);

        Assert.Equal([1, 2, 3, 2], compiled);
        Assert.Equal(4, cache.Compilations);
        Assert.Equal(1000, cache.Bytes);
    }
}
