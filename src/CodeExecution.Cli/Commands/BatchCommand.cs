using System.CommandLine;
using System.Text.Json;
using CodeExecution.Core;
using CodeExecution.Core.Errors;
using CodeExecution.Core.Model;
using CodeExecution.Core.Serialization;

namespace CodeExecution.Cli.Commands;

/// <summary>
/// <c>codeexec batch [FILE|-]</c>: JSON lines of requests in, one JSON line of result per request out, in order.
/// A line that cannot run gets a failed result naming the field; the batch goes on. Lines are read as they are
/// needed, with at most two per sandbox thread in flight. How far it has got goes to stderr (<see cref="ProgressReporter"/>),
/// counted towards the file's requests when the file can be read twice.
/// </summary>
internal static class BatchCommand
{
    private static readonly Argument<string> Source = new("file")
    {
        Description = "A file of JSON lines, each an ExecutionRequest; - or nothing for stdin.",
        Arity = ArgumentArity.ZeroOrOne,
        DefaultValueFactory = _ => "-",
    };

    private static readonly Option<int?> Concurrency = new("--concurrency", "-j") { Description = "Executions at once (default: processor count)." };

    public static Command Create()
    {
        var command = new Command("batch", "Run a JSON-lines batch of requests; write one result line per request, in order.") { Source, Concurrency, CommonOptions.NoProgress };
        command.Validators.Add(result =>
        {
            if (result.GetValue(Concurrency) is { } n && (n < 1 || n > 256))
            {
                result.AddError($"--concurrency: {n} is out of range; it must be from 1 to 256.");
            }
        });
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var source = parse.GetValue(Source)!;
        if (source != "-" && !File.Exists(source))
        {
            await Console.Error.WriteLineAsync($"codeexec: file {Path.GetFullPath(source)} does not exist.");
            return CommonOptions.RequestRefusedExitCode;
        }

        var showProgress = !parse.GetValue(CommonOptions.NoProgress);
        long? total = null;
        TextReader input = Console.In;
        if (source != "-")
        {
            var file = File.OpenRead(source);
            if (showProgress && file.CanSeek)
            {
                total = await CountRequestsAsync(file, cancellationToken);
            }

            input = new StreamReader(file);
        }

        using var reader = input;
        await using var executor = await CommonOptions.CreateExecutorAsync(parse, parse.GetValue(Concurrency), cancellationToken);
        var progress = ProgressReporter.ForConsole("batch", total, showProgress);
        long done = 0, failed = 0;
        progress.Report(done, failed);

        async Task WriteAsync(ExecutionResult result)
        {
            progress.ClearForOutput();
            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(result, CodeExecutionJson.Options));
            (done, failed) = (done + 1, result.Success ? failed : failed + 1);
            progress.Report(done, failed);
        }

        try
        {
            // Results are written in order, so a slow line holds back the ones after it: at most the window's lines
            // are started or kept at once, and no more lines are read until the oldest is written. Memory stays
            // bounded by the window times a result's limits, however long the batch or slow its first line.
            var window = new Queue<Task<ExecutionResult>>();
            var windowSize = ReorderWindowPerSandbox * executor.MaxConcurrency;
            var number = 0;
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                number++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                if (window.Count == windowSize)
                {
                    await WriteAsync(await window.Dequeue());
                }

                window.Enqueue(RunLineAsync(executor, line, number, cancellationToken));
            }

            while (window.Count > 0)
            {
                await WriteAsync(await window.Dequeue());
            }

            await Console.Out.FlushAsync(cancellationToken);
            return 0;
        }
        finally
        {
            progress.Finish();
        }
    }

    /// <summary>
    /// The lines of a file that are requests (blank ones are skipped, as the batch skips them): the total that progress
    /// counts towards, for one quick read of a file that can be read again. A pipe cannot, and is left unread.
    /// </summary>
    private static async Task<long> CountRequestsAsync(FileStream file, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(file, leaveOpen: true);
        long count = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            count += string.IsNullOrWhiteSpace(line) ? 0 : 1;
        }

        file.Position = 0;
        return count;
    }

    /// <summary>Lines in flight per sandbox thread: enough to keep every sandbox busy while the oldest is written.</summary>
    private const int ReorderWindowPerSandbox = 2;

    private static async Task<ExecutionResult> RunLineAsync(CodeExecutor executor, string line, int lineNumber, CancellationToken cancellationToken)
    {
        ExecutionRequest request;
        try
        {
            request = ExecutionRequestReader.Read(line);
        }
        catch (CodeExecutionError error)
        {
            return CodeExecutor.RejectedResult(null, new CodeExecutionError($"line {lineNumber}: {error.Message}", error.Code, error.Language, error.Field));
        }

        var result = await executor.ExecuteOrDescribeAsync(request, cancellationToken);
        return result.Metadata.WasSandboxed ? result : result with { Error = $"line {lineNumber}: {result.Error}" };
    }
}
