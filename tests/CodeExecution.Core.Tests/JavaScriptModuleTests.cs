using CodeExecution.Core.Model;

namespace CodeExecution.Core.Tests;

/// <summary>
/// A .js program runs as Node 20 runs <c>node main.js</c>: a CommonJS module in sloppy mode, or an ES module when it
/// is not valid CommonJS but is valid module code (Node's module syntax detection). Compared with <c>node</c> run
/// in the test.
/// </summary>
[Collection(ExecutorCollection.Name)]
public sealed class JavaScriptModuleTests(ExecutorFixture fixture)
{
    private Task AssertSameAsNode(string code) => Native.AssertJavaScriptMatchesNodeAsync(fixture, code);

    [Theory]
    [InlineData("x = 5;\nconsole.log(x, delete globalThis.x, typeof x);")]
    [InlineData("console.log(this === module.exports, this, typeof require, typeof module, typeof exports, __filename.endsWith('main.js'), typeof __dirname);")]
    [InlineData("with (Math) console.log(floor(2.5), max(1, 2));")]
    [InlineData("console.log(010 + 1, 0o10, '\\101');")]
    [InlineData("function f() { return this === globalThis; }\nconsole.log(f(), (function () { return typeof this; }).call(1));")]
    [InlineData("var v = 1;\nlet l = 2;\nfunction g() {}\nconsole.log(globalThis.v, globalThis.g, typeof v, typeof g, arguments.length);")]
    [InlineData("module.exports.a = 1;\nexports.b = 2;\nconsole.log(this, module.exports === exports, module.loaded);")]
    [InlineData("console.log('before');\nif (true) return;\nconsole.log('after');")]
    [InlineData("#!/usr/bin/env node\nconsole.log('after the hashbang');")]
    [InlineData("const arguments_ = 1, let_ = 2; var let = 3; console.log(let, typeof yield_);")]
    public Task CommonJsScript_BehavesAsUnderNode(string code) => AssertSameAsNode(code);

    [Theory]
    [InlineData("import { readFileSync } from 'fs';\nconsole.log(typeof readFileSync, typeof require, typeof module, typeof exports, this);")]
    [InlineData("import util from 'node:util';\nexport const x = 1;\nconsole.log(typeof util, typeof util.inspect, x, typeof __filename);")]
    [InlineData("const value = await Promise.resolve(3);\nconsole.log(value, typeof module, this);")]
    public Task EsModule_IsDetectedAndBehavesAsUnderNode(string code) => AssertSameAsNode(code);

    [Fact]
    public async Task ErrorOnTheFirstLine_ReportsItsOwnColumn_AsOnAnyOtherLine()
    {
        var first = await fixture.RunAsync(ExecutionLanguage.JavaScript, "null.x;");
        var second = await fixture.RunAsync(ExecutionLanguage.JavaScript, "\nnull.x;");

        Assert.Equal("TypeError: cannot read property 'x' of null\n    at <anonymous> (main.js:1:1)\n", first.Stderr);
        Assert.Equal("TypeError: cannot read property 'x' of null\n    at <anonymous> (main.js:2:1)\n", second.Stderr);
    }

    [Fact]
    public async Task SyntaxError_IsReportedAtItsPlace_NotAsAModuleError()
    {
        var result = await fixture.RunAsync(ExecutionLanguage.JavaScript, "console.log(1);\nlet x = ;");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.StartsWith("SyntaxError: ", result.Stderr);
        Assert.Contains("main.js:2:", result.Stderr);
    }
}
