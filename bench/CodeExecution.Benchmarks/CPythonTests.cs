using System.IO.Compression;
using System.Text;
using CodeExecution.Core;
using CodeExecution.Core.Model;

namespace CodeExecution.Benchmarks;

/// <summary>
/// A selection of CPython's own regression tests (<c>Lib/test</c> of the source the runtime is built from, packed by
/// <c>build-cpython.sh</c>), run in the sandbox and under native <c>python3</c> alike: each test class is one
/// execution whose stdin carries the test package (<c>test.support</c> and the module) as a zip, imported from
/// memory. Neither side has the tests' data files on disk, so tests that read them fail on both.
/// </summary>
internal static class CPythonTests
{
    public static readonly string[] Modules =
    [
        "test_json", "test_re", "test_datetime", "test_decimal", "test_zoneinfo", "test_sqlite3", "test_collections",
        "test_itertools", "test_lzma", "test_zlib", "test_bz2", "test_statistics", "test_fractions", "test_heapq",
        "test_bisect", "test_textwrap", "test_string", "test_enum", "test_functools", "test_dataclasses",
        "test_asyncio.test_queues", "test_asyncio.test_locks", "test_asyncio.test_taskgroups", "test_asyncio.test_timeouts",
        "test_asyncio.test_tasks", "test_asyncio.test_futures", "test_asyncio.test_pep492",
    ];

    /// <summary>Imports the test package from the zip on stdin, then lists a module's test classes or runs one.</summary>
    private const string Harness = """
        import base64, importlib.abc, importlib.util, io, sys, unittest, zipfile
        archive = zipfile.ZipFile(io.BytesIO(base64.b64decode(sys.stdin.read())))
        files = set(archive.namelist())

        class Tests(importlib.abc.MetaPathFinder, importlib.abc.InspectLoader):
            def find_spec(self, name, path=None, target=None):
                if name != 'test' and not name.startswith('test.'):
                    return None
                base = name.replace('.', '/')
                if base + '/__init__.py' in files:
                    return importlib.util.spec_from_loader(name, self, origin='/tests/' + base + '/__init__.py', is_package=True)
                if base + '.py' in files:
                    return importlib.util.spec_from_loader(name, self, origin='/tests/' + base + '.py')
                return None
            def _path(self, name):
                base = name.replace('.', '/')
                return base + '/__init__.py' if base + '/__init__.py' in files else base + '.py'
            def get_source(self, name):
                return archive.read(self._path(name)).decode('utf-8')
            def is_package(self, name):
                return self._path(name).endswith('/__init__.py')
            def exec_module(self, module):
                path = self._path(module.__name__)
                module.__file__ = '/tests/' + path
                if path.endswith('/__init__.py'):
                    module.__path__ = ['/tests/' + path.rsplit('/', 1)[0]]
                exec(compile(archive.read(path), module.__file__, 'exec'), module.__dict__)

        for name in [n for n in sys.modules if n == 'test' or n.startswith('test.')]:
            del sys.modules[name]
        sys.meta_path.insert(0, Tests())
        mode, module = sys.argv[1], sys.argv[2]
        loader = unittest.defaultTestLoader
        try:
            suite = loader.loadTestsFromName(module)
        except Exception as e:
            print('load-error', type(e).__name__, e)
            raise SystemExit(0)
        def cases(suite):
            for item in suite:
                if isinstance(item, unittest.TestSuite):
                    yield from cases(item)
                else:
                    yield item
        if mode == 'list':
            print('\n'.join(sorted({type(case).__qualname__ for case in cases(suite)})))
        else:
            selected = unittest.TestSuite([case for case in cases(suite) if type(case).__qualname__ == sys.argv[3]])
            result = unittest.TextTestRunner(stream=io.StringIO(), verbosity=0).run(selected)
            print(result.testsRun, len(result.failures), len(result.errors), len(result.skipped), len(result.expectedFailures), len(result.unexpectedSuccesses))
        """;

    public static async Task<string> RunAsync(CodeExecutor executor, string testsZip)
    {
        using var archive = ZipFile.OpenRead(testsZip);
        var report = new StringBuilder();
        report.AppendLine("| module | classes | tests (native) | passed native | passed sandbox | sandbox differs in |");
        report.AppendLine("|---|---|---|---|---|---|");
        var (totalNative, totalSandbox, totalTests) = (0, 0, 0);
        foreach (var module in Modules)
        {
            var input = Bundle(archive, module);
            var classes = (await Measure.Python3Async(Harness, input, "list", module)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (classes.Length == 1 && classes[0].StartsWith("load-error", StringComparison.Ordinal))
            {
                report.AppendLine($"| {module} | natively not loadable: {classes[0]} | | | | |");
                continue;
            }

            var (tests, passedNative, passedSandbox) = (0, 0, 0);
            var differing = new List<string>();
            foreach (var testClass in classes)
            {
                var native = Counts(await Measure.Python3Async(Harness, input, "run", module, testClass));
                var result = await executor.ExecuteAsync(new ExecutionRequest
                {
                    Code = Harness,
                    Language = ExecutionLanguage.Python,
                    Input = input,
                    Args = ["run", module, testClass],
                    Limits = new ExecutionLimits { TimeoutMs = 10000, MaxMemoryMB = 512, MaxOutputSize = 1024 * 1024, MaxInputSize = 1024 * 1024 },
                });
                var sandbox = result.Success ? Counts(result.Stdout) : null;
                tests += native.Run;
                passedNative += native.Passed;
                passedSandbox += sandbox?.Passed ?? 0;
                if (sandbox is null || sandbox.Passed != native.Passed)
                {
                    differing.Add(sandbox is null
                        ? $"{testClass} ({(result.Metadata.TimeoutHit ? "timeout" : result.Error ?? $"exit {result.ExitCode}")})"
                        : $"{testClass} ({sandbox.Passed}/{native.Passed})");
                }
            }

            totalTests += tests;
            totalNative += passedNative;
            totalSandbox += passedSandbox;
            report.AppendLine($"| {module} | {classes.Length} | {tests} | {passedNative} | {passedSandbox} | {string.Join(", ", differing.Take(6))}{(differing.Count > 6 ? $", and {differing.Count - 6} more" : "")} |");
        }

        report.AppendLine($"| all | | {totalTests} | {totalNative} | {totalSandbox} | |");
        return report.ToString();
    }

    private sealed record TestCounts(int Run, int Failures, int Errors, int Skipped)
    {
        public int Passed => Run - Failures - Errors - Skipped;
    }

    private static TestCounts Counts(string output)
    {
        var fields = output.Trim().Split('\n')[^1].Split(' ');
        return fields.Length >= 4 && int.TryParse(fields[0], out var run)
            ? new TestCounts(run, int.Parse(fields[1]), int.Parse(fields[2]), int.Parse(fields[3]))
            : new TestCounts(0, 0, 0, 0);
    }

    /// <summary>The zip of <c>test/__init__.py</c>, <c>test/support</c> and the module (its package, or file and helpers), base64.</summary>
    private static string Bundle(ZipArchive archive, string module)
    {
        var top = module.Split('.')[0];
        var wanted = new Func<string, bool>(name =>
            name == "test/__init__.py"
            || name.StartsWith("test/support/", StringComparison.Ordinal) && name.EndsWith(".py", StringComparison.Ordinal)
            || name == $"test/{top}.py"
            || name.StartsWith($"test/{top}/", StringComparison.Ordinal) && name.EndsWith(".py", StringComparison.Ordinal)
            || top == "test_datetime" && name == "test/datetimetester.py"
            || top == "test_re" && name == "test/re_tests.py");
        using var buffer = new MemoryStream();
        using (var bundle = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in archive.Entries.Where(entry => wanted(entry.FullName)))
            {
                using var from = entry.Open();
                using var to = bundle.CreateEntry(entry.FullName, CompressionLevel.SmallestSize).Open();
                from.CopyTo(to);
            }
        }

        return Convert.ToBase64String(buffer.ToArray());
    }
}
