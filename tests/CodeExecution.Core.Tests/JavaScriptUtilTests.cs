namespace CodeExecution.Core.Tests;

/// <summary>The util module and console's formatting (inspect options, %o, console.table), compared with <c>node</c> run in the test.</summary>
[Collection(ExecutorCollection.Name)]
public sealed class JavaScriptUtilTests(ExecutorFixture fixture)
{
    private Task AssertSameAsNode(string code) => Native.AssertJavaScriptMatchesNodeAsync(fixture, $"const util = require('util');\n{code}");

    [Theory]
    [InlineData("console.log(util.inspect({ a: { b: { c: { d: 1 } } } }, { depth: 0 }), util.inspect({ a: { b: { c: { d: 1 } } } }, { depth: null }), util.inspect({ a: { b: { c: {} } } }, { depth: Infinity }));")]
    [InlineData("console.log(util.inspect({ b: 1, a: 2, c: { z: 1, y: 2 } }, { sorted: true }), util.inspect(new Map([['b', 1], ['a', 2]]), { sorted: true }));")]
    [InlineData("console.log(util.inspect([1, 2], { showHidden: true }), util.inspect(Object.defineProperty({}, 'hidden', { value: 1 }), { showHidden: true }));")]
    [InlineData("console.log(util.inspect({ a: [1, 2, { x: 1 }], b: 'str', c: new Map([[1, 2]]) }, { compact: false }));\nconsole.log(util.inspect({ a: [1, 2, { x: 1 }] }, { compact: true }), util.inspect({ a: { b: { c: 1 } } }, { compact: 1 }));")]
    [InlineData("console.log(util.inspect({ get x() { return 5; }, get o() { return { n: 1 }; }, set s(v) {}, get t() { throw new Error('no'); } }, { getters: true }));")]
    [InlineData("console.log(util.inspect('x'.repeat(30), { maxStringLength: 10 }), util.inspect(Array.from({ length: 5 }, (_, i) => i), { maxArrayLength: 2 }), util.inspect({ a: 'x'.repeat(20), b: 'y'.repeat(20) }, { breakLength: 40 }));")]
    [InlineData("console.log(JSON.stringify(util.inspect({ n: 1, s: 'a', u: undefined, z: null, b: true, sym: Symbol('q') }, { colors: true })));")]
    [InlineData("console.log(util.inspect({ a: 1 }, false, 0, false), util.inspect.custom === Symbol.for('nodejs.util.inspect.custom'));")]
    public Task Inspect_Options_MatchNode(string code) => AssertSameAsNode(code);

    [Theory]
    [InlineData("console.log('%o', { x: [1, { y: 2 }], f() {} });\nconsole.log('%o and %O', [1, [2, [3, [4, [5]]]]], { deep: { er: { than: { four: 1 } } } });")]
    [InlineData("console.log(util.format('%s %d %i %f %j %%', 'a', 1.5, 2.5, '3.25', { z: 1 }), util.format('%s', { toString() { return 'custom'; } }), util.format(1, 'two', [3]));")]
    public Task Format_MatchesNode(string code) => AssertSameAsNode(code);

    [Theory]
    [InlineData("console.table([{ a: 1, b: 'two' }, { a: 3, c: [1, 2, 3, 4] }]);")]
    [InlineData("console.table([[1, 2], [3, 4, 5]]);\nconsole.table({ x: { v: 1 }, y: { v: 2 } });")]
    [InlineData("console.table([1, 'a', { k: true }]);\nconsole.table(new Map([['m', 1], ['n', { deep: 1 }]]));\nconsole.table(new Set(['s', 2]));")]
    [InlineData("console.table([{ name: 'Zoë', city: '東京' }, { name: 'Al', city: 'Paris' }]);\nconsole.table([{ a: 1, b: 2 }], ['b']);\nconsole.table('not tabular');\nconsole.table([]);")]
    public Task ConsoleTable_MatchesNode(string code) => AssertSameAsNode(code);

    [Theory]
    [InlineData("const double = util.promisify((x, cb) => cb(null, x * 2));\ndouble(21).then((v) => console.log('promisified', v));\nconst fail = util.promisify((cb) => cb(new Error('bad')));\nfail().catch((e) => console.log('rejected', e.message));")]
    [InlineData("function custom() {}\ncustom[util.promisify.custom] = () => Promise.resolve('custom');\nconsole.log(util.promisify(custom) === custom[util.promisify.custom]);\nutil.callbackify(async (x) => x + 1)(1, (err, v) => console.log('callbackified', err, v));\nutil.callbackify(() => Promise.reject(null))((err) => console.log(err.code, err.message));")]
    [InlineData("const t = util.types;\nconsole.log(t.isTypedArray(new Uint8Array(1)), t.isAsyncFunction(async () => {}), t.isGeneratorFunction(function* () {}), t.isDate(new Date()), t.isRegExp(/x/), t.isMap(new Map()), t.isPromise(Promise.resolve()), t.isNativeError(new TypeError()), t.isBoxedPrimitive(Object(1)), t.isArrayBuffer(new ArrayBuffer(1)), t.isUint8Array(Buffer.alloc(1)));")]
    [InlineData("console.log(util.isDeepStrictEqual([1, { a: 2 }], [1, { a: 2 }]), util.isDeepStrictEqual({ a: 1 }, { a: '1' }), util.isDeepStrictEqual(new Set([1]), new Set([1])), util.isDeepStrictEqual([NaN], [NaN]));")]
    [InlineData("const { values, positionals } = util.parseArgs({ args: ['-f', '--bar', 'b', 'pos'], options: { foo: { type: 'boolean', short: 'f' }, bar: { type: 'string' } }, allowPositionals: true });\nconsole.log(values, positionals);")]
    [InlineData("function A() {}\nfunction B() {}\nutil.inherits(A, B);\nconsole.log(new A() instanceof B, A.super_ === B, util.stripVTControlCharacters('\\u001b[31mred\\u001b[39m'), util.toUSVString('a\\ud800'), util.TextEncoder === TextEncoder);")]
    [InlineData("const old = util.deprecate(() => 'result', 'old() is deprecated', 'DEP0999');\nconsole.log(old(), old());")]
    public Task UtilFunctions_MatchNode(string code) => AssertSameAsNode(code);

    [Theory]
    [InlineData("log", "log2", "log1p", "exp", "expm1")]
    [InlineData("tan", "asinh", "acosh", "atanh", "cbrt")]
    [InlineData("sin", "cos", "asin", "acos", "atan")]
    [InlineData("sinh", "cosh", "tanh", "log10")]
    public Task MathFunctions_GiveV8sLastDigits(params string[] functions) => AssertSameAsNode(
        MathInputs + "inputs.push(0, -0, 1, -1, 2 ** -30, -(2 ** -60), 22, 709.8, -710, 1e22, 2 ** 60, -1e300, Infinity, -Infinity, NaN);\n"
        + $"for (const f of {System.Text.Json.JsonSerializer.Serialize(functions)}) console.log(f, inputs.map((x) => Math[f](x)).join(' '));");

    [Theory]
    [InlineData("pow")]
    [InlineData("atan2")]
    public Task MathFunctionsOfTwo_GiveV8sLastDigits(string function) => AssertSameAsNode(
        MathInputs + "const specials = [0, -0, 1, -1, 0.5, -2, 3, 2 ** 31 + 1, 1e300, Infinity, -Infinity, NaN];\n"
        + "const pairs = [];\nfor (const x of specials) for (const y of specials) pairs.push([x, y]);\n"
        + "for (let i = 0; i + 1 < inputs.length; i += 2) pairs.push([Math.abs(inputs[i]), inputs[i + 1] / 100], [inputs[i], Math.round(inputs[i + 1])]);\n"
        + $"console.log(pairs.map(([x, y]) => Math.{function}(x, y)).join(' '));");

    private const string MathInputs =
        "let seed = 42;\nconst next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;\n"
        + "const scales = [1e-6, 1e-4, 1e-2, 1, 1e2, 1e4, 1e6];\n"
        + "const inputs = [0.1, 0.5, 0.7, 1.1, 1.5, 2, 3, 7, 10, 12.34, 100.5, 1e-7, 1234.5678, 9.87e5, Math.PI, Math.E, 0.999, 1.001];\n"
        + "for (let i = 0; i < 500; i++) inputs.push(next() * scales[i % 7] * (i % 5 === 0 ? -1 : 1));\n";
}
