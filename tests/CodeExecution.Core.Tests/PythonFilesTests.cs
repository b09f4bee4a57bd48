using CodeExecution.Core.Model;
using static CodeExecution.Core.Tests.ProjectFiles;

namespace CodeExecution.Core.Tests;

/// <summary>
/// Python programs of several files, and files in and out: each compared with <c>python3</c> run on the same files
/// in a directory of its own (the output, the exit code, and every file it created or changed).
/// </summary>
[Collection(ExecutorCollection.Name)]
public sealed class PythonFilesTests(ExecutorFixture fixture)
{
    private Task<ExecutionResult> AssertSameAsPythonAsync(string entry, params ExecutionFile[] files) =>
        ProjectFiles.AssertSameAsNativeAsync(fixture, ExecutionLanguage.Python, "python3", entry, files);

    [Fact]
    public Task SiblingModulesAndPackages_AreImported() => AssertSameAsPythonAsync(
        "main.py",
        Text("main.py", "from lib.util import double\nfrom lib import shapes\nimport helper\nprint(double(21), helper.NAME, shapes.square(3))\nprint(helper.__name__, shapes.__name__)\n"),
        Text("helper.py", "NAME = 'helper'\n"),
        Text("lib/__init__.py", ""),
        Text("lib/util.py", "def double(x):\n    return 2 * x\n"),
        Text("lib/shapes.py", "from .util import double\ndef square(x):\n    return x * x + double(0)\n"));

    [Fact]
    public Task AnEntryInASubdirectory_ImportsFromItsOwnDirectory() => AssertSameAsPythonAsync(
        "app/main.py",
        Text("app/main.py", "import config\nimport os\nprint(config.VALUE, os.getcwd() == os.path.dirname(os.path.abspath(__file__)))\n"),
        Text("app/config.py", "VALUE = 7\n"));

    [Fact]
    public async Task FilesReadAndWritten_TextAndBinary_ComeBackAsPythonLeavesThem()
    {
        var result = await AssertSameAsPythonAsync(
            "main.py",
            Text("main.py",
                "import csv, os\nrows = list(csv.reader(open('data.csv')))\nprint(rows)\n"
                + "os.makedirs('out', exist_ok=True)\nopen('out/total.txt', 'w').write(str(sum(int(r[1]) for r in rows[1:])) + '\\n')\n"
                + "data = open('image.bin', 'rb').read()\nopen('out/reversed.bin', 'wb').write(data[::-1])\n"
                + "open('notes.txt', 'a').write('more\\n')\n"),
            Text("data.csv", "name,count\na,2\nb,40\n"),
            Binary("image.bin", [0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF, 0xFE]),
            Text("notes.txt", "first\n"),
            Text("unchanged.txt", "left alone\n"));

        Assert.Equal(FileEncoding.Base64, result.Files!.Single(f => f.Path == "out/reversed.bin").Encoding);
        Assert.Equal(FileEncoding.Utf8, result.Files!.Single(f => f.Path == "out/total.txt").Encoding);
        Assert.DoesNotContain(result.Files!, f => f.Path == "unchanged.txt" || f.Path == "data.csv");
        Assert.False(result.FilesTruncated);
    }

    [Fact]
    public async Task OutputFiles_ChooseWhatComesBack()
    {
        var result = await fixture.Executor.ExecuteAsync(new ExecutionRequest
        {
            Language = ExecutionLanguage.Python,
            Code = "import os\nos.makedirs('out/deep', exist_ok=True)\nfor name in ['a.txt', 'b.log', 'out/c.txt', 'out/deep/d.txt']:\n    open(name, 'w').write(name)\n",
            Limits = new ExecutionLimits { AllowFileSystem = true },
            OutputFiles = ["*.txt", "out/**/*.txt"],
        });

        Assert.True(result.Success, result.Stderr);
        Assert.Equal(["a.txt", "out/c.txt", "out/deep/d.txt"], result.Files!.Select(f => f.Path));
        Assert.Equal("out/deep/d.txt", result.Files![2].Content);
        Assert.Equal(14, result.Files![2].Size);
    }

    [Fact]
    public async Task FilesOverTheLimit_StopShortAndSaySo()
    {
        var result = await fixture.Executor.ExecuteAsync(new ExecutionRequest
        {
            Language = ExecutionLanguage.Python,
            Code = "for name in 'abc':\n    open(name + '.txt', 'w').write(name * 600)\n",
            Limits = new ExecutionLimits { AllowFileSystem = true, MaxFilesSize = 1500 },
        });

        Assert.True(result.Success, result.Stderr);
        Assert.Equal(["a.txt", "b.txt"], result.Files!.Select(f => f.Path));
        Assert.True(result.FilesTruncated);
    }

    [Fact]
    public async Task NoFileSystem_NoFiles()
    {
        var result = await fixture.RunAsync(ExecutionLanguage.Python, "print(1)");

        Assert.Null(result.Files);
        Assert.False(result.FilesTruncated);
    }

    [Fact]
    public async Task ConcurrentRuns_SeeOnlyTheirOwnFiles()
    {
        var runs = Enumerable.Range(0, 8).Select(i => fixture.Executor.ExecuteAsync(new ExecutionRequest
        {
            Language = ExecutionLanguage.Python,
            Code = "import os\nprint(sorted(os.listdir('.')), open('id.txt').read())\nopen('mine.txt', 'w').write(open('id.txt').read())\n",
            Files = [Text("id.txt", $"run {i}")],
        })).ToList();

        var results = await Task.WhenAll(runs);

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal($"['id.txt'] run {i}\n", results[i].Stdout);
            Assert.Equal($"run {i}", results[i].Files!.Single().Content);
        }
    }
}
