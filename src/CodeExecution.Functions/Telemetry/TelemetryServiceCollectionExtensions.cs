using Azure.Identity;
using CodeExecution.Core.Statistics;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CodeExecution.Functions.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The app setting Azure sets for Entra ID ingestion: <c>ClientId=...;Authorization=AAD</c>.</summary>
    public const string AuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>
    /// Application Insights for the worker (the Functions integration), a custom event per execution, and the
    /// runtimes' cold-start phases as events. With <see cref="AuthenticationSetting"/> set, telemetry is sent with the
    /// managed identity's token (the component accepts no other).
    /// </summary>
    public static IServiceCollection AddCodeExecutionTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddApplicationInsightsTelemetryWorkerService();
        services.ConfigureFunctionsApplicationInsights();

        // The worker SDK keeps only warnings by default; the host.json levels should decide instead.
        services.Configure<LoggerFilterOptions>(options =>
        {
            var rule = options.Rules.FirstOrDefault(r =>
                r.ProviderName == "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider");
            if (rule is not null)
            {
                options.Rules.Remove(rule);
            }
        });

        if (TryGetEntraClientId(configuration[AuthenticationSetting], out var clientId))
        {
            services.Configure<TelemetryConfiguration>(telemetry => telemetry.SetAzureTokenCredential(
                new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))));
        }

        services.AddSingleton<ApplicationInsightsExecutionRecorder>();
        services.AddSingleton<IExecutionRecorder>(provider => provider.GetRequiredService<ApplicationInsightsExecutionRecorder>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILoggerProvider, ColdStartTelemetryLoggerProvider>());
        return services;
    }

    /// <summary>Reads the client id from <c>ClientId=...;Authorization=AAD</c>; false for anything else.</summary>
    public static bool TryGetEntraClientId(string? authentication, out string clientId)
    {
        clientId = "";
        if (string.IsNullOrWhiteSpace(authentication))
        {
            return false;
        }

        var parts = authentication.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var kind) || !string.Equals(kind, "AAD", StringComparison.OrdinalIgnoreCase)
            || !parts.TryGetValue("ClientId", out var id) || id.Length == 0)
        {
            return false;
        }

        clientId = id;
        return true;
    }
}
