namespace CodeExecution.Benchmarks;

using CodeExecution.Core.Model;

/// <summary>
/// A program measured in every language, and the same program for the native baseline (none for a program with
/// files: a native spawn would need its own directory).
/// </summary>
internal sealed record BenchmarkProgram(string Name, ExecutionLanguage Language, string Code, string NativeCommand, string NativeCode, IReadOnlyList<ExecutionFile>? Files = null)
{
    /// <summary>The file the "files" programs read (a small CSV); each writes one file back.</summary>
    private static readonly IReadOnlyList<ExecutionFile> DataFile = [new() { Path = "data.csv", Content = "name,count\na,1\nb,2\nc,3\n" }];

    public static IReadOnlyList<BenchmarkProgram> All { get; } =
    [
        new("hello", ExecutionLanguage.Python, "print('hello')", "python3", "print('hello')"),
        new("compute", ExecutionLanguage.Python, "print(sum(i * i for i in range(100000)))", "python3", "print(sum(i * i for i in range(100000)))"),
        new("hello", ExecutionLanguage.JavaScript, "console.log('hello')", "node", "console.log('hello')"),
        new("compute", ExecutionLanguage.JavaScript, "let s = 0; for (let i = 0; i < 100000; i++) s += i * i; console.log(s)", "node", "let s = 0; for (let i = 0; i < 100000; i++) s += i * i; console.log(s)"),
        new("hello", ExecutionLanguage.TypeScript, "const message: string = 'hello'; console.log(message)", "node", "const message = 'hello'; console.log(message)"),
        new("files", ExecutionLanguage.Python, "rows = open('data.csv').read().splitlines()\nopen('out.txt', 'w').write(str(len(rows)))\nprint(len(rows))", "", "", DataFile),
        new("files", ExecutionLanguage.JavaScript, "const fs = require('fs');\nconst rows = fs.readFileSync('data.csv', 'utf8').trim().split('\\n');\nfs.writeFileSync('out.txt', String(rows.length));\nconsole.log(rows.length);", "", "", DataFile),
        new("compute", ExecutionLanguage.TypeScript, "let s: number = 0; for (let i: number = 0; i < 100000; i++) s += i * i; console.log(s)", "node", "let s = 0; for (let i = 0; i < 100000; i++) s += i * i; console.log(s)"),
        new("hello", ExecutionLanguage.Ruby, "puts \"hello\"", "ruby", "puts \"hello\""),
        new("compute", ExecutionLanguage.Ruby, "p (0...100000).sum { |i| i * i }", "ruby", "p (0...100000).sum { |i| i * i }"),
    ];

    /// <summary>How the native command takes a program as an argument: <c>python3 -c</c>, <c>node -e</c>, <c>ruby -e</c>.</summary>
    public string NativeFlag => NativeCommand == "python3" ? "-c" : "-e";
}
