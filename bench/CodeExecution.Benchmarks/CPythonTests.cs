using System.IO.Compression;
using System.Text;
using CodeExecution.Core;
using CodeExecution.Core.Model;

namespace CodeExecution.Benchmarks;

/// <summary>
/// A selection of CPython's own regression tests (<c>Lib/test</c> of the source the runtime is built from, packed by
/// <c>build-cpython.sh</c>), run in the sandbox and under native <c>python3</c> alike: each module is one execution
/// (class by class when it would pass the time limit) whose stdin carries the test package (<c>test.support</c> and
/// the module) as a zip, imported from memory; both print their counts by test class. Neither side has the tests' data files on disk, so tests that read them fail on both.
/// </summary>
internal static class CPythonTests
{
    public static readonly string[] Modules =
    [
        "test_json", "test_re", "test_datetime", "test_decimal", "test_zoneinfo", "test_sqlite3", "test_collections",
        "test_itertools", "test_lzma", "test_zlib", "test_statistics", "test_fractions", "test_heapq", "test_bisect",
        "test_asyncio.test_queues", "test_asyncio.test_locks", "test_asyncio.test_taskgroups", "test_asyncio.test_timeouts",
        "test_asyncio.test_futures", "test_asyncio.test_pep492",
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
        module = sys.argv[2]
        loader = unittest.defaultTestLoader
        try:
            # A package's load_tests discovers its modules on disk; here they are found in the zip instead.
            base = 'test/' + module.replace('.', '/')
            if base + '/__init__.py' in files:
                names = sorted(f[:-3].replace('/', '.') for f in files
                               if f.startswith(base + '/test_') and f.endswith('.py') and f.count('/') == base.count('/') + 1)
                suite = unittest.TestSuite(loader.loadTestsFromName(n) for n in names)
            else:
                suite = loader.loadTestsFromName('test.' + module)
        except Exception as e:
            print('load-error', type(e).__name__, e)
            raise SystemExit(0)
        def cases(suite):
            for item in suite:
                if isinstance(item, unittest.TestSuite):
                    yield from cases(item)
                else:
                    yield item
        # One line per test class: name, tests run, failures, errors, skipped; only the named classes, when given.
        by_class = {}
        for case in cases(suite):
            by_class.setdefault(type(case).__qualname__, []).append(case)
        for name in sorted(by_class):
            if sys.argv[3:] and name not in sys.argv[3:]:
                continue
            result = unittest.TextTestRunner(stream=io.StringIO(), verbosity=0).run(unittest.TestSuite(by_class[name]))
            print(name, result.testsRun, len(result.failures), len(result.errors), len(result.skipped), flush=True)
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
            var native = Counts(await Measure.Python3Async(Harness, input, "run", module));
            if (native.Count == 0)
            {
                report.AppendLine($"| {module} | natively not loadable | | | | |");
                continue;
            }

            // The whole module in one execution; class by class for what that did not report (it ended early or
            // passed the time limit).
            var whole = await RunInSandboxAsync(executor, input, module);
            var differing = new List<string>();
            if (whole.Stdout.StartsWith("load-error", StringComparison.Ordinal))
            {
                report.AppendLine($"| {module} | {native.Count} | {native.Values.Sum(counts => counts.Run)} | {native.Values.Sum(counts => counts.Passed)} | 0 | not loaded: {whole.Stdout.Trim()} |");
                totalTests += native.Values.Sum(counts => counts.Run);
                totalNative += native.Values.Sum(counts => counts.Passed);
                continue;
            }

            var sandbox = Counts(whole.Stdout);
            foreach (var testClass in native.Keys.Where(testClass => !sandbox.ContainsKey(testClass)).ToList())
            {
                var one = await RunInSandboxAsync(executor, input, module, testClass);
                if (Counts(one.Stdout).TryGetValue(testClass, out var counts))
                {
                    sandbox[testClass] = counts;
                }
                else
                {
                    differing.Add($"{testClass} ({(one.Metadata.TimeoutHit ? "timeout" : one.Error ?? $"exit {one.ExitCode}")})");
                }
            }

            var tests = native.Values.Sum(counts => counts.Run);
            var passedNative = native.Values.Sum(counts => counts.Passed);
            var passedSandbox = sandbox.Values.Sum(counts => counts.Passed);
            differing.AddRange(native
                .Where(pair => sandbox.TryGetValue(pair.Key, out var counts) && counts.Passed != pair.Value.Passed)
                .Select(pair => $"{pair.Key} ({sandbox[pair.Key].Passed}/{pair.Value.Passed})"));
            totalTests += tests;
            totalNative += passedNative;
            totalSandbox += passedSandbox;
            report.AppendLine($"| {module} | {native.Count} | {tests} | {passedNative} | {passedSandbox} | {string.Join(", ", differing.Take(5))}{(differing.Count > 5 ? $", and {differing.Count - 5} more" : "")} |");
        }

        report.AppendLine($"| all | | {totalTests} | {totalNative} | {totalSandbox} | |");
        return report.ToString();
    }

    private static Task<ExecutionResult> RunInSandboxAsync(CodeExecutor executor, string input, string module, params string[] classes) =>
        executor.ExecuteAsync(new ExecutionRequest
        {
            Code = Harness,
            Language = ExecutionLanguage.Python,
            Input = input,
            Args = ["run", module, .. classes],
            Limits = new ExecutionLimits { TimeoutMs = 10000, MaxMemoryMB = 512, MaxOutputSize = 1024 * 1024, MaxInputSize = 1024 * 1024 },
        });

    private sealed record TestCounts(int Run, int Failures, int Errors, int Skipped)
    {
        /// <summary>Tests run that neither failed nor were skipped (a class skipped as a whole counts a skip but no run).</summary>
        public int Passed => Math.Max(0, Run - Failures - Errors - Skipped);
    }

    /// <summary>The harness's lines, by test class.</summary>
    private static Dictionary<string, TestCounts> Counts(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .Where(fields => fields.Length == 5 && fields.Skip(1).All(field => int.TryParse(field, out _)))
            .ToDictionary(fields => fields[0], fields => new TestCounts(int.Parse(fields[1]), int.Parse(fields[2]), int.Parse(fields[3]), int.Parse(fields[4])));

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
