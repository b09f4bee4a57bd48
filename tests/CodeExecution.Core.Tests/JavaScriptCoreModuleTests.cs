using CodeExecution.Core.Model;

namespace CodeExecution.Core.Tests;

/// <summary>
/// Node's core modules (most from npm packages bundled into the image, <c>node-modules.js</c>), compared with
/// <c>node</c> run in the test, from CommonJS and from ES modules.
/// </summary>
[Collection(ExecutorCollection.Name)]
public sealed class JavaScriptCoreModuleTests(ExecutorFixture fixture)
{
    private Task AssertSameAsNode(string code) => Native.AssertJavaScriptMatchesNodeAsync(fixture, code);

    [Theory]
    [InlineData("console.log(path.join('/a/b', '../c', './d.txt'), path.join(''), path.join('a', '', 'b/'))")]
    [InlineData("console.log(path.resolve('/x/y', '../z'), path.resolve('/a', '/b', 'c'))")]
    [InlineData("console.log(path.basename('/a/b/c.tar.gz', '.gz'), path.basename('/a/b/'), path.extname('x.md'), path.extname('.bashrc'), path.extname('a.'))")]
    [InlineData("console.log(path.relative('/data/a/b', '/data/c'), path.relative('/a', '/a'), path.normalize('/a//b/../c/.'), path.normalize(''))")]
    [InlineData("console.log(path.isAbsolute('a/b'), path.isAbsolute('/a'), path.sep, path.delimiter, path.dirname('/a/b/c'), path.dirname('a'))")]
    [InlineData("console.log(path.parse('/home/u/file.txt'), path.parse('rel/x'), path.format({ dir: '/x', base: 'y.js' }), path.format({ root: '/', name: 'n', ext: '.e' }))")]
    [InlineData("console.log(path.posix === path, require('node:path') === path, require('path/posix').join('a', 'b'))")]
    [InlineData("console.log(path.join('/', '..', 'x'), path.resolve('/').length, path.normalize('./a/../../b'))")]
    public Task Path_InCommonJs_MatchesNode(string expression) => AssertSameAsNode($"const path = require('path');\n{expression};");

    [Fact]
    public Task Path_AsAnEsModule_MatchesNode() => AssertSameAsNode(
        "import path, { join, basename, sep } from 'node:path';\nconsole.log(join('a', 'b'), basename('/x/y.z'), sep, typeof path.resolve);");

    [Theory]
    [InlineData("const b = Buffer.from('héllo wörld');\nconsole.log(b, b.length, Buffer.byteLength('héllo'), b.toString('base64'), b.toString('hex'));")]
    [InlineData("console.log(Buffer.from('aGk=', 'base64').toString(), Buffer.alloc(3), Buffer.concat([Buffer.from([1, 2]), Buffer.from([3])]));")]
    [InlineData("const n = Buffer.alloc(8); n.writeUInt32LE(0xdeadbeef, 0); n.writeInt16BE(-2, 4);\nconsole.log(n, n.readUInt32LE(0).toString(16), n.readInt16BE(4), Buffer.isBuffer(n));")]
    [InlineData("const b = Buffer.from('héllo');\nconsole.log(JSON.stringify(Buffer.from('ab')), b.slice(0, 2), b.subarray(1, 3).toString('latin1'), require('buffer').Buffer === Buffer);")]
    [InlineData("console.log(Buffer.compare(Buffer.from('a'), Buffer.from('b')), Buffer.from('xyz').indexOf('z'), [...Buffer.from('hi')], Buffer.from('ab').equals(Buffer.from('ab')));")]
    [InlineData("console.log(Object.keys(globalThis).includes('Buffer'), typeof Buffer);\nBuffer = 1;\nconsole.log(Buffer);")]
    public Task Buffer_MatchesNode(string code) => AssertSameAsNode(code);

    [Fact]
    public Task Buffer_AsAnEsModuleImport_MatchesNode() => AssertSameAsNode(
        "import { Buffer as B } from 'node:buffer';\nconsole.log(B.from('es').toString('hex'), B === Buffer);");

    [Fact]
    public async Task Path_IsOnlyMadeWhenRequired()
    {
        var result = await fixture.RunAsync(ExecutionLanguage.JavaScript, "console.log(Object.keys(globalThis).filter((k) => k.includes('codeexec')).length)");

        Assert.Equal("0\n", result.Stdout);
    }
    [Theory]
    [InlineData("const e = new EventEmitter();\ne.once('x', (a) => console.log('once', a));\ne.on('x', (a) => console.log('on', a));\nconsole.log(e.emit('x', 1), e.emit('x', 2), e.listenerCount('x'), e.eventNames(), EventEmitter.defaultMaxListeners);")]
    [InlineData("const e = new EventEmitter();\ntry { e.emit('error', new Error('boom')); } catch (err) { console.log(err.message); }\ntry { e.emit('error', 'text'); } catch (err) { console.log(err.message, err.code); }")]
    [InlineData("const e = new EventEmitter();\nrequire('events').once(e, 'y').then(([v]) => console.log('awaited', v));\ne.emit('y', 7);\nconsole.log(process instanceof EventEmitter, require('events').EventEmitter === EventEmitter);")]
    [InlineData("class Job extends EventEmitter { run() { this.emit('done', 42); } }\nconst j = new Job();\nj.prependListener('done', () => console.log('first'));\nj.on('done', (v) => console.log('done', v));\nj.run();\nj.removeAllListeners();\nconsole.log(j.emit('done'));")]
    public Task Events_MatchesNode(string code) => AssertSameAsNode($"const EventEmitter = require('events');\n{code}");

    [Theory]
    [InlineData("assert.strictEqual(1, 1);\nassert.deepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] });\nassert.ok(true);\nassert.notStrictEqual(1, 2);\nconsole.log('all passed');")]
    [InlineData("try { assert.strictEqual(1, 2); } catch (e) { console.log(e.name, e.code, e.actual, e.expected, e.operator, e.generatedMessage); console.log(e.message); }")]
    [InlineData("try { assert.equal(1, 2, 'custom message'); } catch (e) { console.log(e.message, e instanceof assert.AssertionError); }")]
    [InlineData("assert.throws(() => { throw new TypeError('bad'); }, TypeError);\nassert.throws(() => { throw new Error('abc'); }, /ab/);\nassert.doesNotThrow(() => 1);\ntry { assert.throws(() => {}); } catch (e) { console.log(e.message); }")]
    [InlineData("assert.rejects(Promise.reject(new Error('no'))).then(() => console.log('rejected as expected'));\ntry { assert.fail('stop'); } catch (e) { console.log(e.message, e.code); }")]
    [InlineData("const strict = require('assert/strict');\ntry { strict.equal(1, '1'); } catch (e) { console.log(e.operator, e.code); }\nconsole.log(strict === assert.strict, require('node:assert') === assert);")]
    public Task Assert_MatchesNode(string code) => AssertSameAsNode($"const assert = require('assert');\n{code}");

    /// <summary>
    /// assert's generated messages as Node 20 words them: a falsy value quotes the call's source (Node reads it from
    /// the program's file, and gives up where its parse from the call's line fails, as in an array of arrow functions
    /// with a trailing comma), and the loose comparisons' layouts.
    /// </summary>
    [Theory]
    [InlineData("show(() => assert(isValid(3)));\nshow(() => a(isValid(3) && 1 > 0));\nshow(() => ok(typeof 3 === 'string'));\ntry { assert(false); } catch (e) { console.log(e.message); }")]
    [InlineData("show(() => assert.ok(\n  isValid(1) ||\n    isValid(2),\n));\nshow(() => {\n  assert.strictEqual(isValid(20), true);\n  assert(isValid(1), undefined);\n});\nshow(() => assert(\"tab\\there\" === \"\\u0001\"));")]
    [InlineData("for (const f of [\n  () => assert(0),\n  () => assert(null, undefined),\n]) show(f);\nshow(() => assert.ok());\nshow(() => assert(0, 'custom message'));")]
    [InlineData("show(() => assert.notDeepEqual([1, 2], [1, 2]));\nshow(() => assert.equal({ a: 1 }, { a: 2 }));\nshow(() => assert.notEqual(1, 1));\nshow(() => assert.deepEqual({ a: [1, 2, { b: 3 }] }, { a: [1, 2, { b: 4 }] }));\nshow(() => assert.notDeepStrictEqual({ a: 1 }, { a: 1 }));\nshow(() => assert.deepStrictEqual({ a: 1, b: [1, 2] }, { a: 1, b: [1, 3] }));")]
    public Task AssertMessages_MatchNode(string code) => AssertSameAsNode(
        "const assert = require('assert');\nconst a = require('node:assert/strict');\nconst { ok } = require('assert');\nconst isValid = (v) => v > 10;\n"
        + "const show = (f) => { try { f(); } catch (e) { console.log(JSON.stringify(e.message), e.generatedMessage, e.operator); } };\n" + code);

    [Fact]
    public async Task Assert_AFailureThatNobodyCatches_ExitsLikeNode()
    {
        const string code = "const assert = require('assert');\nassert.strictEqual(1, 2);";
        var result = await fixture.RunAsync(ExecutionLanguage.JavaScript, code);
        var node = await Native.RunAsync("node", "main.js", code);

        Assert.Equal((node.ExitCode, node.Stdout), (result.ExitCode, result.Stdout));
        Assert.StartsWith("AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:\n\n1 !== 2\n", result.Stderr);
    }

    [Theory]
    [InlineData("const { StringDecoder } = require('string_decoder');\nconst d = new StringDecoder('utf8');\nconsole.log(JSON.stringify(d.write(Buffer.from([0xe2, 0x82]))), d.write(Buffer.from([0xac])), JSON.stringify(d.end(Buffer.from([0xf0]))));")]
    [InlineData("const { StringDecoder } = require('string_decoder');\nconst d = new StringDecoder('base64');\nconsole.log(d.write(Buffer.from('ab')), d.end(Buffer.from('c')), new StringDecoder('hex').write(Buffer.from([255, 1])));")]
    [InlineData("const qs = require('querystring');\nconsole.log(qs.parse('a=1&b=2&b=3&c=%20x+y'), qs.stringify({ a: [1, 2], b: 'x y', c: '' }), qs.escape('a b&c'), qs.unescape('%41%20'));")]
    [InlineData("const url = require('url');\nconst u = url.parse('http://user:pw@host.com:8080/p/a/t/h?query=string#hash', true);\nconsole.log(u.protocol, u.auth, u.host, u.port, u.pathname, u.query, u.hash);\nconsole.log(url.format({ protocol: 'https', hostname: 'x.org', pathname: '/a', query: { q: 1 } }), url.resolve('http://a.com/b/c', '../d'));")]
    [InlineData("const { URL, URLSearchParams, fileURLToPath, pathToFileURL } = require('url');\nconsole.log(URL === globalThis.URL, URLSearchParams === globalThis.URLSearchParams, fileURLToPath('file:///tmp/a%20b.txt'), pathToFileURL('/tmp/x y').href);")]
    [InlineData("const os = require('os');\nconsole.log(os.EOL === '\\n', os.platform(), os.type(), os.endianness(), os.devNull, typeof os.cpus(), typeof os.tmpdir(), typeof os.hostname(), typeof os.totalmem());")]
    public Task SmallModules_MatchNode(string code) => AssertSameAsNode(code);

    [Theory]
    [InlineData("const { Readable, Writable, Transform, pipeline } = require('stream');\nconst upper = new Transform({ transform(chunk, enc, cb) { cb(null, chunk.toString().toUpperCase()); } });\nconst out = [];\nconst sink = new Writable({ write(chunk, enc, cb) { out.push(chunk.toString()); cb(); } });\npipeline(Readable.from(['a', 'b', 'c']), upper, sink, (err) => console.log('done', err, out));")]
    [InlineData("const { Readable } = require('stream');\n(async () => { for await (const x of Readable.from([1, 2, 3])) console.log('item', x); console.log('end'); })();\nsetImmediate(() => console.log('immediate'));")]
    [InlineData("const { PassThrough } = require('stream');\nconst p = new PassThrough();\np.on('data', (d) => console.log('data', d.toString()));\np.on('end', () => console.log('end'));\np.write('x');\np.end('y');")]
    [InlineData("const { pipeline } = require('stream/promises');\nconst { Readable, Writable } = require('stream');\nlet total = 0;\npipeline(Readable.from([1, 2, 3]), new Writable({ objectMode: true, write(n, e, cb) { total += n; cb(); } })).then(() => console.log('total', total));")]
    public Task Stream_MatchesNode(string code) => AssertSameAsNode(code);

    [Theory]
    [InlineData("const t = require('timers/promises');\nt.setTimeout(20, 'late').then(console.log);\nt.setTimeout(10, 'early').then(console.log);\nt.setImmediate('now').then(console.log);")]
    [InlineData("const { setInterval } = require('timers/promises');\n(async () => { let n = 0; for await (const v of setInterval(5, 'tick')) { console.log(v, ++n); if (n === 3) break; } console.log('stopped'); })();")]
    [InlineData("process.on('exit', (code) => console.log('exit', code, process.exitCode));\nprocess.exitCode = 3;\nconsole.log('body');")]
    [InlineData("let more = true;\nprocess.on('beforeExit', (code) => { console.log('beforeExit', code); if (more) { more = false; setTimeout(() => console.log('more work'), 1); } });\nprocess.on('exit', (code) => console.log('exit', code));")]
    [InlineData("process.on('exit', (code) => { console.log('exit', code); process.exitCode = 9; });\nprocess.exit(4);")]
    [InlineData("process.on('exit', (code) => console.log('exit listener', code));\nthrow new Error('uncaught');")]
    public Task TimersAndProcess_MatchNode(string code) => AssertSameAsNode(code);

    [Theory]
    [InlineData("const fs = require('fs');\nconsole.log(JSON.stringify(fs.readFileSync('/dev/stdin', 'utf8')), fs.readFileSync(0), fs.existsSync('/dev/stdin'));")]
    [InlineData("require('fs').promises.readFile('/dev/stdin', 'utf8').then((t) => console.log('promises', JSON.stringify(t)));\nrequire('fs/promises').readFile(0).then((b) => console.log(b.length));")]
    [InlineData("require('fs').readFile('/dev/stdin', 'utf8', (err, text) => console.log(err, JSON.stringify(text)));")]
    public Task Fs_ReadingStdin_MatchesNode(string code) => AssertSameAsNode(code);

    [Theory]
    [InlineData("child_process", "processes")]
    [InlineData("worker_threads", "threads")]
    [InlineData("net", "network")]
    [InlineData("http", "network")]
    [InlineData("node:https", "network")]
    [InlineData("dns", "network")]
    public async Task ModulesThatCannotWorkHere_LoadAndRefuseEachCall_WithNodesAccessDeniedError(string module, string lacks)
    {
        var code = $"const m = require('{module}');\nconsole.log(typeof m);\ntry {{ m.anything(); }} catch (e) {{ console.log(e.code, e.message); }}\nimport('{module}').then((ns) => console.log(typeof ns.default));";
        var result = await fixture.RunAsync(ExecutionLanguage.JavaScript, code);

        Assert.Equal($"object\nERR_ACCESS_DENIED Access to this API has been restricted: the sandbox has no {lacks}\nobject\n", result.Stdout);
        Assert.Equal(0, result.ExitCode);
    }

    [Theory]
    [InlineData("import { createHash } from 'node:crypto';\nimport { EOL } from 'os';\nimport { StringDecoder } from 'string_decoder';\nimport assert, { strictEqual } from 'assert';\nstrictEqual(assert.strictEqual, strictEqual);\nconsole.log(createHash('md5').update('x').digest('hex'), JSON.stringify(EOL), typeof StringDecoder);")]
    [InlineData("import { Readable } from 'stream';\nimport { readFile } from 'fs/promises';\nimport { inspect, promisify, types } from 'util';\nconsole.log(typeof Readable.from, typeof readFile, typeof inspect, typeof promisify, types.isDate(new Date()));")]
    public Task Modules_AsEsModuleImports_MatchNode(string code) => AssertSameAsNode(code);

    [Theory]
    [InlineData("const name = ['cry', 'pto'].join('');\nconsole.log(require(name).createHash('sha256').update('x').digest('hex'), typeof require('a' + 'ssert').strictEqual);")]
    [InlineData("const method = 'toLocale' + 'String';\nconsole.log((1234.5)[method]('de-DE'), new globalThis['In' + 'tl'].NumberFormat('en-US').format(5e6));")]
    public Task ModulesReachedWithoutNamingThem_ComeFromTheHost_AndMatchNode(string code) => AssertSameAsNode(code);

    [Theory]
    [InlineData("console.log(typeof Object.getOwnPropertyDescriptor(globalThis, 'In' + 'tl').get)", "function\n")]
    [InlineData("// crypto\nconsole.log(typeof Object.getOwnPropertyDescriptor(globalThis, 'In' + 'tl').get)", "undefined\n")]
    public async Task AProgramNamingTheLargerModules_StartsWithThemReady(string code, string stdout)
    {
        var result = await fixture.RunAsync(ExecutionLanguage.JavaScript, code);

        Assert.Equal(stdout, result.Stdout);
    }
}
