using CodeExecution.Core.Model;

namespace CodeExecution.Core.Tests;

/// <summary>
/// Programs that behave as under the machine's own <c>python3</c> (3.11), compared byte for byte: asyncio, recursion
/// to CPython's limit through Python and C code, time zones, lzma. The reference is run in the test.
/// </summary>
[Collection(ExecutorCollection.Name)]
public sealed class PythonFidelityTests(ExecutorFixture fixture)
{
    private const string AsyncioProgram = """
        import asyncio, time

        async def worker(name, queue, results):
            while True:
                item = await queue.get()
                await asyncio.sleep(0.001 * item)
                results.append((name, item))
                queue.task_done()

        async def ticks():
            for i in range(3):
                yield i
                await asyncio.sleep(0)

        async def main():
            print(await asyncio.gather(asyncio.sleep(0.01, 'a'), asyncio.sleep(0.02, 'b')))
            try:
                await asyncio.wait_for(asyncio.sleep(10), timeout=0.05)
            except asyncio.TimeoutError:
                print('timed out')
            queue, results = asyncio.Queue(), []
            workers = [asyncio.create_task(worker(f'w{i}', queue, results)) for i in range(2)]
            for item in (3, 1, 2):
                queue.put_nowait(item)
            await queue.join()
            for w in workers:
                w.cancel()
            print(sorted(item for _, item in results))
            async with asyncio.TaskGroup() as group:
                first = group.create_task(asyncio.sleep(0.01, 1))
                second = group.create_task(asyncio.sleep(0.02, 2))
            print(first.result() + second.result())
            print([i async for i in ticks()])
            loop = asyncio.get_running_loop()
            done = loop.create_future()
            loop.call_later(0.01, done.set_result, 'later')
            print(await done)
            started = time.monotonic()
            await asyncio.sleep(0.1)
            print(time.monotonic() - started >= 0.1)

        asyncio.run(main())
        print('closed')
        """;

    [Fact]
    public async Task Asyncio_RunsAsCPythonDoes()
    {
        await AssertSameAsNativeAsync(AsyncioProgram);
    }

    [Fact]
    public async Task Asyncio_SleepPastTheTimeout_IsStoppedAtTheDeadline()
    {
        var result = await fixture.RunAsync(
            ExecutionLanguage.Python, "import asyncio\nasyncio.run(asyncio.sleep(30))", limits: new ExecutionLimits { TimeoutMs = 500 });

        Assert.True(result.Metadata.TimeoutHit);
        Assert.Equal(124, result.ExitCode);
    }

    [Theory]
    [InlineData("def f(n): return f(n + 1)\nf(0)")]
    [InlineData("import functools\n@functools.lru_cache(None)\ndef f(n): return f(n + 1)\nf(0)")]
    [InlineData("def g(n): return sum(g(n + 1) for _ in range(1))\ng(0)")]
    [InlineData("class R:\n    def __repr__(self): return repr(self)\nrepr(R())")]
    [InlineData("class A:\n    def __getattr__(self, name): return getattr(self, name)\nA().x")]
    [InlineData("def key(v): return sorted([v], key=key)\nsorted([1], key=key)")]
    [InlineData("nested = []\nfor _ in range(100000): nested = [nested]\nrepr(nested)")]
    [InlineData("import json\njson.loads('[' * 100000 + ']' * 100000)")]
    [InlineData("import copy\nnested = []\nfor _ in range(100000): nested = [nested]\ncopy.deepcopy(nested)")]
    public async Task Recursion_PastTheLimit_RaisesACatchableRecursionError(string recursion)
    {
        var code = $$"""
            import sys
            depth = 0
            def probe(n):
                global depth
                depth = n
                probe(n + 1)
            try:
                probe(0)
            except RecursionError:
                print('plain depth', depth)
            try:
            {{string.Join('\n', recursion.Split('\n').Select(line => "    " + line))}}
            except RecursionError as e:
                print(type(e).__name__, e)
            print(sys.getrecursionlimit())
            """;

        await AssertSameAsNativeAsync(code);
    }

    [Fact]
    public async Task Recursion_ToNearTheLimit_Works()
    {
        await AssertSameAsNativeAsync("""
            import functools
            def down(n): return 0 if n == 0 else 1 + down(n - 1)
            @functools.lru_cache(None)
            def fib(n): return n if n < 2 else fib(n - 1) + fib(n - 2)
            print(down(990), fib(400) % 1000007, len(repr(eval('[' * 90 + ']' * 90))))
            """);
    }

    [Fact]
    public async Task ZoneInfo_ConvertsAsCPythonDoes()
    {
        await AssertSameAsNativeAsync("""
            from datetime import datetime, timezone
            from zoneinfo import ZoneInfo
            moment = datetime(2024, 3, 31, 0, 30, tzinfo=timezone.utc)
            for name in ['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/Argentina/Buenos_Aires']:
                local = moment.astimezone(ZoneInfo(name))
                print(name, local.isoformat(), local.tzname(), local.dst())
            print(datetime(2024, 11, 3, 1, 30, fold=1, tzinfo=ZoneInfo('America/New_York')).utcoffset())
            """);
    }

    [Fact]
    public async Task Lzma_CompressesAndDecompressesAsCPythonDoes()
    {
        await AssertSameAsNativeAsync("""
            import hashlib, lzma
            data = b'sandboxed ' * 10000
            for fmt in (lzma.FORMAT_XZ, lzma.FORMAT_ALONE):
                packed = lzma.compress(data, format=fmt)
                print(fmt, len(packed), hashlib.sha256(packed).hexdigest()[:16], lzma.decompress(packed) == data)
            print(lzma.is_check_supported(lzma.CHECK_SHA256))
            """);
    }

    [Fact]
    public async Task Traceback_ThroughTheStandardLibrary_ShowsItsShortPathsAndSourceLines()
    {
        var result = await fixture.RunAsync(ExecutionLanguage.Python, "import json\njson.loads('{')");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("  File \"/usr/local/lib/python311.zip/json/decoder.py\", line 353, in raw_decode\n    obj, end = self.scan_once(s, idx)\n", result.Stderr);
        Assert.EndsWith("json.decoder.JSONDecodeError: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)\n", result.Stderr);
        Assert.DoesNotContain("/build", result.Stderr);
    }

    private async Task AssertSameAsNativeAsync(string code)
    {
        var result = await fixture.RunAsync(ExecutionLanguage.Python, code, limits: new ExecutionLimits { TimeoutMs = 10000 });
        var native = await Native.RunAsync("python3", "main.py", code);

        Assert.Equal((native.ExitCode, native.Stdout, native.Stderr), (result.ExitCode, result.Stdout, result.Stderr));
    }
}
