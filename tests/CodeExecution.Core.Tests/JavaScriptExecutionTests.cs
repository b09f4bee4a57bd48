using CodeExecution.Core.Model;

namespace CodeExecution.Core.Tests;

/// <summary>JavaScript on QuickJS behaves like Node for what snippets use; expected outputs were checked against node 20.</summary>
[Collection(ExecutorCollection.Name)]
public sealed class JavaScriptExecutionTests(ExecutorFixture fixture)
{
    private Task<ExecutionResult> JavaScript(string code, string? input = null, ExecutionLimits? limits = null, IReadOnlyList<string>? args = null, IReadOnlyDictionary<string, string>? env = null) =>
        fixture.RunAsync(ExecutionLanguage.JavaScript, code, input, limits, args, env);

    [Fact]
    public async Task JavaScript_SeedExample_PrintsGreetingAndSum()
    {
        var result = await JavaScript("""
            console.log('Hello from JavaScript!');
            const sum = (a, b) => a + b;
            console.log('Sum of 5 and 3:', sum(5, 3));
            """);

        Assert.True(result.Success, result.Error);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Hello from JavaScript!\nSum of 5 and 3: 8\n", result.Stdout);
        Assert.Equal("", result.Stderr);
        Assert.Null(result.Error);
        Assert.Equal(ExecutionLanguage.JavaScript, result.Language);
        Assert.True(result.Metadata.WasSandboxed);
        Assert.Equal("QuickJS-NG (WASI)", result.Metadata.RuntimeUsed);
        Assert.Equal("3.6.2", result.Metadata.Version);
        Assert.False(result.Metadata.TimeoutHit);
        Assert.False(result.Metadata.MemoryLimitHit);
        Assert.True(result.MemoryUsed > 0);
    }

    [Fact]
    public async Task JavaScript_ConsoleLogValues_PrintsLikeNode()
    {
        var result = await JavaScript("""
            console.log({ a: 1, b: 'x', c: [1, 2, { d: new Map([['k', new Set([1])]]) }], e: undefined, f: null });
            console.log([1, 2, 3], 'raw', 42, -0, 10n, Symbol('s'), [undefined, null], function named() {}, class K {});
            console.log('%s has %d items costing %f', 'cart', 3, 9.5, 'extra');
            console.log(Array.from({ length: 30 }, (_, i) => i));
            console.log({ deep: { deeper: { deepest: { hidden: 1 } } } });
            const o = { name: 'loop' }; o.self = o; console.log(o);
            console.log(new Map([['a', 1]]), new Set(['x']), [, 1], { 'needs-quotes': "it's" }, new Date(0));
            """);

        Assert.True(result.Success, result.Error);
        Assert.Equal("""
            { a: 1, b: 'x', c: [ 1, 2, { d: [Map] } ], e: undefined, f: null }
            [ 1, 2, 3 ] raw 42 -0 10n Symbol(s) [ undefined, null ] [Function: named] [class K]
            cart has 3 items costing 9.5 extra
            [
               0,  1,  2,  3,  4,  5,  6,  7,  8,
               9, 10, 11, 12, 13, 14, 15, 16, 17,
              18, 19, 20, 21, 22, 23, 24, 25, 26,
              27, 28, 29
            ]
            { deep: { deeper: { deepest: [Object] } } }
            <ref *1> { name: 'loop', self: [Circular *1] }
            Map(1) { 'a' => 1 } Set(1) { 'x' } [ <1 empty item>, 1 ] { 'needs-quotes': "it's" } 1970-01-01T00:00:00.000Z

            """, result.Stdout);
    }

    [Fact]
    public async Task JavaScript_ConsoleStreams_SplitLikeNode()
    {
        var result = await JavaScript("""
            console.log('log'); console.info('info'); console.debug('debug');
            console.warn('warn'); console.error('error', { code: 7 });
            process.stdout.write('no newline'); process.stderr.write('raw err');
            """);

        Assert.True(result.Success, result.Error);
        Assert.Equal("log\ninfo\ndebug\nno newline", result.Stdout);
        Assert.Equal("warn\nerror { code: 7 }\nraw err", result.Stderr);
        Assert.Equal("log\ninfo\ndebug\nwarn\nerror { code: 7 }\nno newlineraw err", result.Output);
    }

    [Fact]
    public async Task JavaScript_ConsoleLogError_PrintsNameMessageAndStack()
    {
        var result = await JavaScript("function fail() { return new TypeError('bad input'); }\nconsole.log(fail());");

        Assert.True(result.Success, result.Error);
        Assert.Equal("TypeError: bad input\n    at fail (main.js:1:30)\n    at <anonymous> (main.js:2:13)\n", result.Stdout);
    }

    [Fact]
    public async Task JavaScript_TimersAndMicrotasks_RunInNodeOrder()
    {
        var result = await JavaScript("""
            setTimeout(() => console.log('timeout 20'), 20);
            setTimeout(() => console.log('timeout 0'), 0);
            const id = setInterval(() => { console.log('interval', ++n); if (n === 3) clearInterval(id); }, 7); let n = 0;
            const cancelled = setTimeout(() => console.log('never'), 5); clearTimeout(cancelled);
            Promise.resolve().then(() => console.log('promise'));
            queueMicrotask(() => console.log('microtask'));
            process.nextTick(() => console.log('tick'));
            console.log('sync');
            """);

        Assert.True(result.Success, result.Error);
        Assert.Equal("sync\ntick\npromise\nmicrotask\ntimeout 0\ninterval 1\ninterval 2\ntimeout 20\ninterval 3\n", result.Stdout);
    }

    [Fact]
    public async Task JavaScript_AsyncAwaitWithTimers_CompletesOnVirtualClock()
    {
        var result = await JavaScript("""
            const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
            async function main() { await sleep(60000); console.log('a minute later'); return 'done'; }
            main().then((v) => console.log(v));
            """);

        Assert.True(result.Success, result.Error);
        Assert.Equal("a minute later\ndone\n", result.Stdout);
    }

    [Fact]
    public async Task JavaScript_EsModuleWithTopLevelAwait_RunsAsModule()
    {
        var result = await JavaScript("""
            import { readFileSync } from 'node:fs';
            import process from 'process';
            export const answer = await Promise.resolve(42);
            console.log(answer, readFileSync(0, 'utf8'), process.argv.length, typeof this);
            """, input: "from stdin");

        Assert.True(result.Success, result.Error);
        Assert.Equal("42 from stdin 2 undefined\n", result.Stdout);
    }

    [Fact]
    public async Task JavaScript_ReadsStdin_ThroughFsAndDevStdin()
    {
        var result = await JavaScript("""
            const fs = require('fs');
            const text = fs.readFileSync(0, 'utf8');
            const lines = fs.readFileSync('/dev/stdin', 'utf8').trim().split('\n');
            console.log(JSON.stringify(text), lines.map(Number).reduce((a, b) => a + b, 0));
            """, input: "1\n2\n3\n");

        Assert.True(result.Success, result.Error);
        Assert.Equal("\"1\\n2\\n3\\n\" 6\n", result.Stdout);
    }

    [Fact]
    public async Task JavaScript_ReadlineInterface_EmitsEachInputLine()
    {
        var result = await JavaScript("""
            const rl = require('readline').createInterface({ input: process.stdin });
            const lines = [];
            rl.on('line', (line) => lines.push(line.toUpperCase()));
            rl.on('close', () => console.log(lines.join('|')));
            """, input: "one\ntwo\nthree");

        Assert.True(result.Success, result.Error);
        Assert.Equal("ONE|TWO|THREE\n", result.Stdout);
    }

    [Fact]
    public async Task JavaScript_ProcessArgv_StartsUserArgumentsAtIndexTwo()
    {
        var result = await JavaScript("console.log(process.argv.slice(2), process.argv.length);", args: ["first", "two words"]);

        Assert.True(result.Success, result.Error);
        Assert.Equal("[ 'first', 'two words' ] 4\n", result.Stdout);
    }

    [Fact]
    public async Task JavaScript_ProcessEnv_HoldsOnlyTheRequestEnv()
    {
        var env = new Dictionary<string, string> { ["GREETING"] = "hi" };
        var allowed = await JavaScript("console.log(process.env)", limits: new ExecutionLimits { AllowEnv = true }, env: env);
        var allowedButEmpty = await JavaScript("console.log(process.env)", limits: new ExecutionLimits { AllowEnv = true });
        var notAllowed = await JavaScript("console.log(process.env)");

        Assert.Equal("{ GREETING: 'hi' }\n", allowed.Stdout);
        Assert.Equal("{}\n", allowedButEmpty.Stdout);
        Assert.Equal("{}\n", notAllowed.Stdout);
    }

    [Fact]
    public async Task JavaScript_ProcessExit_StopsAtOnceWithItsCode()
    {
        var result = await JavaScript("console.log('before'); try { process.exit(3); } finally { console.log('finally'); } console.log('after');");

        Assert.False(result.Success);
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("before\n", result.Stdout);
        Assert.Equal("Process exited with code 3.", result.Error);
    }

    [Fact]
    public async Task JavaScript_ProcessExitCode_IsTheExitCodeAtTheEnd()
    {
        var result = await JavaScript("process.exitCode = 5; setTimeout(() => console.log('still runs'), 1);");

        Assert.Equal(5, result.ExitCode);
        Assert.Equal("still runs\n", result.Stdout);
    }

    [Fact]
    public async Task JavaScript_UncaughtError_PrintsStackAndExitsOne()
    {
        var result = await JavaScript("console.log('start');\nfunction boom() { throw new RangeError('too far'); }\nboom();\nconsole.log('unreachable');");

        Assert.False(result.Success);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("start\n", result.Stdout);
        Assert.Equal("RangeError: too far\n    at boom (main.js:2:29)\n    at <anonymous> (main.js:3:1)\n", result.Stderr);
        Assert.Equal("Process exited with code 1.", result.Error);
    }

    [Fact]
    public async Task JavaScript_ThrownNonError_PrintsUncaughtValue()
    {
        var result = await JavaScript("throw { reason: 'nope' };");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Uncaught { reason: 'nope' }\n", result.Stderr);
    }

    [Fact]
    public async Task JavaScript_ErrorInTimer_StopsProgramWithExitOne()
    {
        var result = await JavaScript("setTimeout(() => { throw new Error('late'); }, 10);\nsetTimeout(() => console.log('never'), 20);");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.StartsWith("Error: late\n    at <anonymous> (main.js:1:", result.Stderr);
    }

    [Fact]
    public async Task JavaScript_UnhandledRejection_PrintsReasonAndExitsOne()
    {
        var result = await JavaScript("Promise.reject(new Error('rejected'));\nsetTimeout(() => console.log('never'), 10);");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal("Error: rejected\n    at <anonymous> (main.js:1:20)\n", result.Stderr);
    }

    [Fact]
    public async Task JavaScript_RejectionHandledLater_IsNotReported()
    {
        var result = await JavaScript("const p = Promise.reject(new Error('x')); p.catch((e) => console.log('caught', e.message));");

        Assert.True(result.Success, result.Error);
        Assert.Equal("caught x\n", result.Stdout);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task JavaScript_SyntaxError_ReportsLineAndColumn()
    {
        var result = await JavaScript("const ok = 1;\nlet x = ;");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("SyntaxError: unexpected token in expression: ';'\n    at main.js:2:9\n", result.Stderr);
    }

    [Fact]
    public async Task JavaScript_StackOverflow_IsACatchableRangeError()
    {
        var result = await JavaScript("""
            function down(n) { return down(n + 1) + 1; }
            try { down(0); } catch (e) { console.log(e instanceof RangeError, e.message); }
            function sorter(a) { return [a, a].sort(() => sorter(a)); }
            try { sorter(1); } catch (e) { console.log(e.name); }
            """);

        Assert.True(result.Success, result.Error);
        Assert.Equal("true Maximum call stack size exceeded\nRangeError\n", result.Stdout);
    }

    [Theory]
    [InlineData("JSON.stringify(nested(1e5))")]
    [InlineData("String(nested(5e4))")]
    [InlineData("nested(5e4).flat(Infinity)")]
    [InlineData("proxies(5e4).x")]
    [InlineData("eval('('.repeat(1e6) + '1' + ')'.repeat(1e6))")]
    [InlineData("JSON.parse('['.repeat(1e5) + ']'.repeat(1e5), (k, v) => v)")]
    public async Task JavaScript_RecursionThroughNativeCode_ThrowsRangeError_AsNodeDoes(string expression)
    {
        // Recursion in QuickJS's C code: the wasm stack (SandboxEngine.MaxWasmStackBytes) outlasts QuickJS's own
        // stack check, so the program gets the catchable error Node gives, not a crash.
        var code = $$"""
            function nested(depth) { let a = []; for (let i = 0; i < depth; i++) a = [a]; return a; }
            function proxies(depth) { let p = {}; for (let i = 0; i < depth; i++) p = new Proxy(p, {}); return p; }
            try { {{expression}}; console.log('returned'); } catch (e) { console.log(e.name, e.message); }
            """;

        var result = await JavaScript(code, limits: new ExecutionLimits { TimeoutMs = 10_000 });
        var node = await Native.RunAsync("node", "main.js", code);

        Assert.Equal((0, node.Stdout), (result.ExitCode, result.Stdout));
        Assert.Equal("RangeError Maximum call stack size exceeded\n", result.Stdout);
    }

    [Theory]
    [InlineData("require('http').get('http://example.com')", "Error [ERR_ACCESS_DENIED]: Access to this API has been restricted: the sandbox has no network")]
    [InlineData("require('child_process').execSync('id')", "Error [ERR_ACCESS_DENIED]: Access to this API has been restricted: the sandbox has no processes")]
    [InlineData("require('left-pad')", "Error: Cannot find module 'left-pad'")]
    [InlineData("require('fs').readFileSync('/etc/passwd', 'utf8')", "Error: ENOENT: no such file or directory, open '/etc/passwd'")]
    [InlineData("require('fs').writeFileSync('x', 'y')", "Error: ENOENT: no such file or directory, open 'x'")]
    [InlineData("require('fs').createReadStream('x')", "Error: fs.createReadStream is not available in the sandbox")]
    public async Task JavaScript_UnavailableModulesAndFiles_ThrowClearErrors(string code, string firstLine)
    {
        var result = await JavaScript(code);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(firstLine, result.Stderr.Split('\n')[0]);
    }

    [Fact]
    public async Task JavaScript_UnknownEsModuleImport_FailsWithCannotFindModule()
    {
        var result = await JavaScript("import pad from 'left-pad';\nconsole.log(pad);");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Error: Cannot find module 'left-pad'", result.Stderr.Split('\n')[0]);
    }

    [Fact]
    public async Task JavaScript_HostInternals_AreNotVisible()
    {
        var result = await JavaScript("""
            console.log(typeof __codeexec, typeof __codeexec_host, typeof sucrase, typeof std, typeof os, typeof fetch, typeof XMLHttpRequest);
            console.log(Object.keys(globalThis));
            """);

        Assert.True(result.Success, result.Error);
        Assert.Equal("undefined undefined undefined undefined undefined function undefined\n[]\n", result.Stdout);
    }

    [Fact]
    public async Task JavaScript_MathRandom_DiffersBetweenExecutions()
    {
        const string code = "console.log(Math.random(), Math.random() < 1);";
        var first = await JavaScript(code);
        var second = await JavaScript(code);

        Assert.NotEqual(first.Stdout, second.Stdout);
        Assert.EndsWith(" true\n", first.Stdout);
    }

    [Fact]
    public async Task JavaScript_GlobalsSetByOneExecution_AreGoneInTheNext()
    {
        var first = await JavaScript("globalThis.leak = 'secret'; Array.prototype.extra = 1; console.log = () => {}; var v = 1;");
        var second = await JavaScript("console.log(typeof leak, [].extra, typeof v);");

        Assert.True(first.Success, first.Error);
        Assert.Equal("undefined undefined undefined\n", second.Stdout);
    }
}
