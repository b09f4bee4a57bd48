using CodeExecution.Core.Model;

namespace CodeExecution.Core.Tests;

/// <summary>
/// Node's core modules that come from npm packages bundled into the image (<c>node-modules.js</c>), compared with
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
}
