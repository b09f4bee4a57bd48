namespace CodeExecution.Core.Tests;

/// <summary>Node's globals that QuickJS lacks, each made the first time a program reads it; compared with <c>node</c> run in the test.</summary>
[Collection(ExecutorCollection.Name)]
public sealed class JavaScriptGlobalsTests(ExecutorFixture fixture)
{
    private Task AssertSameAsNode(string code) => Native.AssertJavaScriptMatchesNodeAsync(fixture, code);

    [Fact]
    public Task TheGlobalsNodeHas_AreThere() => AssertSameAsNode(
        "for (const name of ['Buffer', 'URL', 'URLSearchParams', 'TextEncoder', 'TextDecoder', 'structuredClone', 'AbortController', 'AbortSignal',\n"
        + "  'EventTarget', 'Event', 'DOMException', 'crypto', 'Intl', 'atob', 'btoa', 'queueMicrotask', 'performance', 'require', 'module', '__dirname'])\n"
        + "  console.log(name, typeof globalThis[name]);\nconsole.log(typeof require, typeof module, __filename.endsWith('main.js'));");

    [Theory]
    [InlineData("const u = new URL('https://user:pw@example.com:8080/p/a/t/h?query=string&a=1#hash');\nconsole.log(u.host, u.pathname, u.searchParams.get('a'), u.href, u.origin);\nconsole.log(u);")]
    [InlineData("const u = new URL('../c?x=1', 'http://h.org/a/b/');\nu.searchParams.append('y', 'two words');\nu.hash = 'frag';\nconsole.log(String(u), JSON.stringify({ u }), u.toJSON());")]
    [InlineData("try { new URL('not a url'); } catch (e) { console.log(e.name, e instanceof TypeError); }\nconsole.log(URL.canParse('http://x'), URL.canParse('nope'), new URL('HTTP://EXAMPLE.com:80/%7Efoo').href);")]
    [InlineData("const p = new URLSearchParams({ x: '1', y: 'two words' });\np.append('z', 'ä');\np.append('x', '2');\nconsole.log(p.toString(), p.getAll('x'), p.has('y'), [...p.keys()], p.size);\nconsole.log(p, new URLSearchParams());")]
    [InlineData("const p = new URLSearchParams('?b=2&a=1&c=%20&a=0');\np.sort();\nconsole.log(p.toString());\np.delete('a');\nfor (const [k, v] of p) console.log(k, JSON.stringify(v));")]
    public Task Url_MatchesNode(string code) => AssertSameAsNode(code);

    [Theory]
    [InlineData("const e = new TextEncoder();\nconsole.log(e.encode('héllo €😀'), e.encoding, new TextDecoder().decode(e.encode('héllo €😀')));")]
    [InlineData("const d = new TextDecoder();\nconsole.log(JSON.stringify(d.decode(new Uint8Array([0xff, 0x61, 0xe2, 0x82, 0x62, 0xed, 0xa0, 0x80, 0xf0, 0x9f, 0x98]))));")]
    [InlineData("const d = new TextDecoder('utf-8', { fatal: true });\ntry { d.decode(new Uint8Array([0xc3])); } catch (e) { console.log(e.name, e.code); }\nconsole.log(d.fatal, d.ignoreBOM, d.encoding, new TextDecoder('utf-16le').decode(new Uint8Array([104, 0, 105, 0])));")]
    [InlineData("const d = new TextDecoder();\nconst bytes = new TextEncoder().encode('\\uFEFFa€b');\nlet s = '';\nfor (const b of bytes) s += d.decode(new Uint8Array([b]), { stream: true });\nconsole.log(JSON.stringify(s + d.decode()));\nconsole.log(new TextEncoder().encodeInto('héllo', new Uint8Array(4)));")]
    [InlineData("try { new TextDecoder('klingon'); } catch (e) { console.log(e.name, e.code, e.message); }\nconsole.log(new TextDecoder(), new TextEncoder());")]
    public Task TextEncoding_MatchesNode(string code) => AssertSameAsNode(code);

    [Theory]
    [InlineData("const o = { a: new Map([[1, { b: 2 }]]), d: new Date(0), s: new Set([1, 'x']), r: /x/gi, n: null, big: 10n, arr: [1, , 3], u8: new Uint8Array([1, 2]) };\nconst c = structuredClone(o);\nconsole.log(c, c !== o, c.a !== o.a, c.u8.buffer !== o.u8.buffer);")]
    [InlineData("const o = { name: 'loop' };\no.self = o;\no.list = [o, o];\nconst c = structuredClone(o);\nconsole.log(c.self === c, c.list[0] === c, c);")]
    [InlineData("class Point { constructor() { this.x = 1; } get y() { return 2; } }\nconst c = structuredClone(new Point());\nconsole.log(c, c instanceof Point, Object.getPrototypeOf(c) === Object.prototype);")]
    [InlineData("for (const bad of [() => 1, Symbol('s'), new WeakMap(), Promise.resolve()]) {\n  try { structuredClone({ bad }); console.log('cloned'); } catch (e) { console.log(e.name, e.message, e instanceof DOMException); }\n}")]
    [InlineData("const e = structuredClone(new RangeError('too far'));\nconsole.log(e instanceof RangeError, e.message, e.name);\ntry { structuredClone(); } catch (err) { console.log(err.name, err.code); }")]
    public Task StructuredClone_MatchesNode(string code) => AssertSameAsNode(code);

    [Theory]
    [InlineData("const ac = new AbortController();\nac.signal.addEventListener('abort', (e) => console.log('aborted', e.type, ac.signal.aborted));\nconsole.log(ac, ac.signal.aborted);\nac.abort();\nac.abort();\nconsole.log(ac.signal.reason.name, ac.signal.reason.message, ac.signal.reason instanceof DOMException);")]
    [InlineData("const ac = new AbortController();\nac.signal.onabort = () => console.log('onabort', ac.signal.reason);\nac.abort('why');\ntry { ac.signal.throwIfAborted(); } catch (e) { console.log('threw', e); }")]
    [InlineData("const s = AbortSignal.abort();\nconsole.log(s.aborted, s.reason.name);\nconst t = AbortSignal.timeout(10);\nt.addEventListener('abort', () => console.log('timed out', t.reason.name));\nsetTimeout(() => console.log('after'), 20);")]
    [InlineData("const a = new AbortController();\nconst any = AbortSignal.any([a.signal, new AbortController().signal]);\nany.addEventListener('abort', () => console.log('any', any.reason));\na.abort('first');\ntry { new AbortSignal(); } catch (e) { console.log(e.name, e.code); }")]
    [InlineData("const t = new EventTarget();\nconst listener = (e) => console.log('got', e.type, e instanceof Event, e.target === t);\nt.addEventListener('ping', listener);\nt.addEventListener('ping', () => console.log('once'), { once: true });\nconsole.log(t.dispatchEvent(new Event('ping')));\nt.removeEventListener('ping', listener);\nt.dispatchEvent(new Event('ping'));\nconsole.log('end');")]
    [InlineData("const t = new EventTarget();\nt.addEventListener('x', (e) => { e.preventDefault(); });\nconsole.log(t.dispatchEvent(new Event('x', { cancelable: true })), t.dispatchEvent(new Event('x')));")]
    public Task AbortAndEvents_MatchNode(string code) => AssertSameAsNode(code);

    [Theory]
    [InlineData("const d = new Date(Date.UTC(2024, 1, 29, 13, 5, 9));\nconsole.log(d.toString());\nconsole.log(String(d), `${d}`, d.toTimeString(), d.toDateString(), d.toUTCString(), d.toISOString());")]
    [InlineData("console.log(new Date(NaN).toString(), String(new Date('garbage')), new Date(0).getTimezoneOffset());")]
    public Task Dates_PrintAsInNodeInUtc(string code) => AssertSameAsNode(code);
}
