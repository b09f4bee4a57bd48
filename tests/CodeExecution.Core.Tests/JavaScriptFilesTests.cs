using CodeExecution.Core.Model;
using static CodeExecution.Core.Tests.ProjectFiles;

namespace CodeExecution.Core.Tests;

/// <summary>
/// JavaScript programs of several files, and fs on the files given and made: each compared with <c>node</c> run on
/// the same files in a directory of its own (the output, the exit code, and every file it created or changed).
/// TypeScript, which node does not run, is checked against its known output.
/// </summary>
[Collection(ExecutorCollection.Name)]
public sealed class JavaScriptFilesTests(ExecutorFixture fixture)
{
    private Task<ExecutionResult> AssertSameAsNodeAsync(string entry, params ExecutionFile[] files) =>
        ProjectFiles.AssertSameAsNativeAsync(fixture, ExecutionLanguage.JavaScript, "node", entry, files);

    [Fact]
    public Task Require_LoadsTheProgramsFiles_AsNodeResolvesThem() => AssertSameAsNodeAsync(
        "main.js",
        Text("main.js",
            "const path = require('path');\nconst util = require('./lib/util');\nconst data = require('./data.json');\nconst { greet } = require('./lib');\n"
            + "console.log(util.double(21), data.name, greet('Ada'), require.main === module, path.relative(__dirname, __filename));\n"
            + "console.log(require('./lib/util.js') === util, Object.keys(require.cache).map((file) => path.relative(__dirname, file)));\n"
            + "try { require('./nope'); } catch (e) { console.log(e.message.split('\\n')[0], e.code, e.requireStack.length); }\n"
            + "const pkg = require('./pkg');\nconsole.log(pkg.name, require('./cycle-a').done);\n"),
        Text("lib/util.js", "exports.double = (x) => 2 * x;\nexports.where = require('path').basename(__filename);\n"),
        Text("lib/index.js", "module.exports = { greet: (n) => `hi ${n} from ${require('./util').where}` };\n"),
        Text("data.json", "{ \"name\": \"json\" }\n"),
        Text("pkg/package.json", "{ \"main\": \"entry.js\" }\n"),
        Text("pkg/entry.js", "this.name = 'pkg main';\n"),
        Text("cycle-a.js", "exports.done = false;\nconst b = require('./cycle-b');\nexports.done = b.sawA === false;\n"),
        Text("cycle-b.js", "exports.sawA = require('./cycle-a').done;\n"));

    [Fact]
    public Task Imports_LoadTheProgramsModules_ESMAndCommonJS() => AssertSameAsNodeAsync(
        "main.mjs",
        Text("main.mjs",
            "import { double } from './lib/util.mjs';\nimport helper, { NAME } from './helper.js';\nimport cjs from './lib/legacy.cjs';\nimport * as ns from './lib/util.mjs';\n"
            + "console.log(double(21), NAME, helper.NAME, cjs.kind, Object.keys(ns));\nconst dynamic = await import('./lib/util.mjs');\nconsole.log(dynamic.double(2), dynamic.default);\n"
            + "try { await import('./missing.js'); } catch (e) { console.log(e.code); }\n"),
        Text("lib/util.mjs", "export const double = (x) => 2 * x;\nexport default 'util';\n"),
        Text("helper.js", "exports.NAME = 'helper';\n"),
        Text("lib/legacy.cjs", "module.exports = { kind: 'cjs' };\n"));

    [Fact]
    public async Task Fs_ReadsAndWritesTheFiles_AsNodes()
    {
        var result = await AssertSameAsNodeAsync(
            "main.js",
            Text("main.js",
                "const fs = require('fs');\nconsole.log(fs.readFileSync('data.csv', 'utf8').trim().split('\\n'));\nfs.mkdirSync('out/deep', { recursive: true });\n"
                + "fs.writeFileSync('out/deep/r.txt', 'hello');\nfs.appendFileSync('out/deep/r.txt', ' world');\n"
                + "console.log(fs.readdirSync('.'), fs.existsSync('nope'), fs.statSync('data.csv').size, fs.statSync('out').isDirectory(), fs.statSync('data.csv').isFile());\n"
                + "console.log(fs.readdirSync('out', { withFileTypes: true }).map((d) => [d.name, d.isDirectory()]));\n"
                + "for (const f of [() => fs.readFileSync('missing.txt'), () => fs.readFileSync('out'), () => fs.mkdirSync('out'), () => fs.rmdirSync('out'), () => fs.readdirSync('data.csv'), () => fs.unlinkSync('gone'), () => fs.renameSync('gone', 'x'), () => fs.copyFileSync('gone', 'out/y')]) {\n"
                + "  try { f(); } catch (e) { console.log(e.message, e.code, e.errno, e.syscall); }\n}\n"
                + "const image = fs.readFileSync('image.bin');\nfs.writeFileSync('out/reversed.bin', Buffer.from(image).reverse());\n"
                + "fs.renameSync('notes.txt', 'out/notes.txt');\nfs.copyFileSync('data.csv', 'copy.csv');\nfs.rmSync('scratch', { recursive: true });\n"
                + "fs.promises.readFile('out/deep/r.txt', 'utf8').then((text) => {\n  console.log('promised', text);\n"
                + "  fs.readFile('copy.csv', 'utf8', (err, text) => console.log('callback', err, text.length));\n});\n"),
            Text("data.csv", "name,count\na,2\n"),
            Binary("image.bin", [0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF]),
            Text("notes.txt", "moved\n"),
            Text("scratch/tmp.txt", "to be removed\n"));

        Assert.Equal(FileEncoding.Base64, result.Files!.Single(f => f.Path == "out/reversed.bin").Encoding);
    }

    [Fact]
    public async Task Fs_OutsideTheSandbox_FindsNothing()
    {
        var result = await fixture.Executor.ExecuteAsync(new ExecutionRequest
        {
            Language = ExecutionLanguage.JavaScript,
            Code = "const fs = require('fs');\nfor (const p of ['/etc/passwd', '../../etc/passwd', '/sandbox/../etc/passwd', '/proc/self/environ']) {\n"
                + "  try { fs.readFileSync(p); console.log('read', p); } catch (e) { console.log(e.code, e.path); }\n}\nfs.writeFileSync('/sandbox/../escape.txt', 'x');\n",
            Files = [Text("a.txt", "a")],
        });

        Assert.Equal("ENOENT /etc/passwd\nENOENT ../../etc/passwd\nENOENT /sandbox/../etc/passwd\nENOENT /proc/self/environ\n", result.Stdout);
        Assert.Contains("ENOENT: no such file or directory, open '/sandbox/../escape.txt'", result.Stderr);
        Assert.Empty(result.Files!);
    }

    [Fact]
    public async Task Fs_WithoutAFileSystem_FindsNothingAndWritesNothing()
    {
        var result = await fixture.RunAsync(ExecutionLanguage.JavaScript, "const fs = require('fs');\ntry { fs.writeFileSync('x.txt', 'x'); } catch (e) { console.log(e.message); }");

        Assert.Equal("ENOENT: no such file or directory, open 'x.txt'\n", result.Stdout);
        Assert.Null(result.Files);
    }

    [Fact]
    public async Task TypeScript_ImportsItsOtherFiles_EachTranspiled()
    {
        var result = await fixture.Executor.ExecuteAsync(new ExecutionRequest
        {
            Language = ExecutionLanguage.TypeScript,
            Entry = "main.ts",
            Files =
            [
                Text("main.ts", "import type { Shape } from './types';\nimport { area } from './geometry';\nimport { label } from './lib/index';\nconst s: Shape = { kind: 'square', size: 3 };\nconsole.log(area(s), label(s));\n"),
                Text("types.ts", "export interface Shape { kind: 'square' | 'circle'; size: number }\n"),
                Text("geometry.ts", "import type { Shape } from './types';\nexport function area(s: Shape): number { return s.kind === 'square' ? s.size ** 2 : 0; }\n"),
                Text("lib/index.ts", "import type { Shape } from '../types';\nexport const label = (s: Shape): string => `${s.kind}:${s.size}`;\n"),
            ],
        });

        Assert.Equal("9 square:3\n", result.Stdout);
        Assert.True(result.Success, result.Stderr);
    }
}
