using CodeExecution.Core;
using CodeExecution.Core.Runtimes;
using CodeExecution.Core.Runtimes.Modules;
using CodeExecution.Core.Statistics;
using CodeExecution.Functions.Functions;
using CodeExecution.Functions.Http;
using CodeExecution.Functions.Jobs;
using CodeExecution.Mcp;
using CodeExecution.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CodeExecution.Functions;

public static class FunctionsServiceCollectionExtensions
{
    /// <summary>Everything the Functions app registers, so the host and the tests build the same container.</summary>
    public static IServiceCollection AddCodeExecutionFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CodeExecutorOptions>()
            .Bind(configuration.GetSection(CodeExecutorOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<HttpApiOptions>()
            .Bind(configuration.GetSection(HttpApiOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddCodeExecutionStorage(configuration);

        // One executor per instance: one engine, runtimes loaded once and shared by every execution.
        services.AddSingleton(provider => new CodeExecutor(
            provider.GetRequiredService<IOptions<CodeExecutorOptions>>().Value,
            provider.GetRequiredService<IPrecompiledModuleStore>(),
            provider.GetServices<IExecutionRecorder>(),
            provider.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<ExecutorHost>();
        services.AddHostedService(provider => provider.GetRequiredService<ExecutorHost>());
        services.AddSingleton<HttpProblems>();
        services.AddSingleton<ExecutionQueue>();

        services.AddTransient<ExecuteFunction>();
        services.AddTransient<ExecuteBatchFunction>();
        services.AddTransient<LanguagesFunction>();
        services.AddTransient<OpenApiFunction>();
        services.AddTransient<GradeFunction>();
        services.AddTransient<PlaygroundFunction>();
        services.AddTransient<StatisticsFunction>();
        services.AddTransient<HealthFunction>();

        // The Model Context Protocol at /api/mcp: the same tools as codeexec mcp, stateless over streamable HTTP.
        services.AddRouting();
        services.AddSingleton(provider => McpEndpoint.Queued(provider.GetRequiredService<ExecutionQueue>()));
        services.AddMcpServer(server => server.ServerInfo = CodeExecutionTools.ServerInfo)
            .WithHttpTransport(http => http.Stateless = true)
            .WithTools<CodeExecutionTools>();
        services.AddSingleton<McpEndpoint>();
        services.AddTransient<McpFunction>();

        services.AddSingleton<IJobItemExecutor, JobItemExecutor>();
        services.AddSingleton<CallbackSender>();
        services.AddSingleton<JobProcessor>();
        services.AddSingleton<JobSubmitter>();
        services.AddTransient<JobsFunction>();
        services.AddTransient<ProcessJobFunction>();
        services.AddTransient<ProcessJobItemFunction>();
        return services;
    }
}
