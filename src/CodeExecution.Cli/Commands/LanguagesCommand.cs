using System.CommandLine;
using System.Text.Json;
using CodeExecution.Core.Model;
using CodeExecution.Core.Serialization;

namespace CodeExecution.Cli.Commands;

/// <summary><c>codeexec languages</c>: the languages, their runtimes, whether each is available, and how its executions start.</summary>
internal static class LanguagesCommand
{
    private static readonly Option<bool> Json = new("--json") { Description = "Print the environment info as JSON." };

    public static Command Create()
    {
        var command = new Command("languages", "List the supported languages and their runtimes.") { Json };
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        await using var executor = await CommonOptions.CreateExecutorAsync(parse, concurrency: 1, cancellationToken);
        IReadOnlyList<EnvironmentInfo> infos = Enum.GetValues<ExecutionLanguage>().Select(executor.GetEnvironmentInfo).ToList();
        if (parse.GetValue(Json))
        {
            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(infos, CodeExecutionJson.Indented));
            return 0;
        }

        foreach (var info in infos)
        {
            var status = !info.Available ? $"unavailable: {info.Reason}"
                : info.Reason is null ? $"available, {info.Start} start ({info.Source})"
                : $"available, {info.Start} start ({info.Source}): {info.Reason}";
            var runtime = info.Runtime.Length > 0 ? $"{info.Runtime} {info.Version}" : "-";
            await Console.Out.WriteLineAsync($"{info.Language.ToName(),-11} {runtime,-24} {status}");
        }

        return 0;
    }
}
