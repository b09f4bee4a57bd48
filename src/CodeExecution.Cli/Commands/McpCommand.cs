using System.CommandLine;
using CodeExecution.Mcp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CodeExecution.Cli.Commands;

/// <summary>
/// <c>codeexec mcp</c>: a Model Context Protocol server over stdio, for local AI agents: the <c>run_code</c> and
/// <c>languages</c> tools (<see cref="CodeExecutionTools"/>). Stdout carries the protocol; logs go to stderr.
/// </summary>
internal static class McpCommand
{
    private static readonly Option<int?> Concurrency = new("--concurrency", "-j")
    {
        Description = "Programs run at once (default: the processor count).",
    };

    public static Command Create()
    {
        var command = new Command("mcp", "Serve the run_code and languages tools to an AI agent over stdio (Model Context Protocol).") { Concurrency };
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        await using var executor = await CommonOptions.CreateExecutorAsync(parse, parse.GetValue(Concurrency), cancellationToken);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(executor);
        builder.Services.AddSingleton<RunRequest>(executor.ExecuteAsync);
        builder.Services.AddMcpServer(server => server.ServerInfo = CodeExecutionTools.ServerInfo)
            .WithStdioServerTransport()
            .WithTools<CodeExecutionTools>();
        using var host = builder.Build();
        await host.RunAsync(cancellationToken);
        return 0;
    }
}
