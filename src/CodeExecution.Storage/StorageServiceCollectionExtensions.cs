using CodeExecution.Core.Runtimes;
using CodeExecution.Core.Runtimes.Modules;
using CodeExecution.Core.Statistics;
using CodeExecution.Storage.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CodeExecution.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Azure adapters: storage clients from the configured connection, the Blob module store as the
    /// <see cref="IPrecompiledModuleStore"/>, the Table recorder (a hosted service) as an <see cref="IExecutionRecorder"/>,
    /// the statistics reader, the health probe, and the job store and queues.
    /// </summary>
    public static IServiceCollection AddCodeExecutionStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton(provider =>
            StorageClients.FromConfiguration(configuration, provider.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionName));
        services.AddSingleton(provider => new BlobPrecompiledModuleStore(
            provider.GetRequiredService<StorageClients>().Blobs.GetBlobContainerClient(provider.GetRequiredService<IOptions<StorageOptions>>().Value.RuntimesContainer),
            provider.GetRequiredService<ILogger<BlobPrecompiledModuleStore>>()));
        services.AddSingleton<IPrecompiledModuleStore>(provider => provider.GetRequiredService<BlobPrecompiledModuleStore>());
        services.AddSingleton<TableExecutionRecorder>();
        services.AddSingleton<IExecutionRecorder>(provider => provider.GetRequiredService<TableExecutionRecorder>());
        services.AddHostedService(provider => provider.GetRequiredService<TableExecutionRecorder>());
        services.AddSingleton<TableExecutionStatistics>();
        services.AddSingleton<StorageHealthProbe>();

        services.AddOptions<JobsOptions>()
            .Bind(configuration.GetSection(JobsOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(provider => new JobMessageFormat(provider.GetRequiredService<IOptions<JobsOptions>>().Value));
        services.AddSingleton<JobStore>();
        services.AddSingleton<JobQueues>();
        return services;
    }
}
