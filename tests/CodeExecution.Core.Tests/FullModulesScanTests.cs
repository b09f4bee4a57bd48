using CodeExecution.Core.Runtimes.QuickJs;

namespace CodeExecution.Core.Tests;

public sealed class FullModulesScanTests
{
    [Theory]
    [InlineData("const crypto = require('crypto');", true)]
    [InlineData("import { strictEqual } from 'node:assert';", true)]
    [InlineData("console.log((5).toLocaleString());", true)]
    [InlineData("names.sort((a, b) => a.localeCompare(b));", true)]
    [InlineData("new Intl.NumberFormat('de').format(1)", true)]
    [InlineData("const u = new URL('http://x');", true)]
    [InlineData("const { inspect } = require('util');", true)]
    [InlineData("const interest = Math.pow(1.05, 10);", true)]
    [InlineData("console.log(Math.log10(2))", true)]
    [InlineData("console.log('hello')", false)]
    [InlineData("console.log(Math.max(1, 2), Math.floor(2.5), Math.sqrt(2))", false)]
    [InlineData("const rl = require('readline').createInterface({ input: process.stdin });", false)]
    [InlineData("const buf = Buffer.from('x'); const p = require('path');", false)]
    [InlineData("const cryptography = 1; const utility = 2; const urls = [];", false)]
    public void Names_TheLargerModulesAsWords(string source, bool names) => Assert.Equal(names, FullModulesScan.Names(source));
}
