using System.ComponentModel.DataAnnotations;
using System.Reflection;
using CodeExecution.Functions.Functions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CodeExecution.Functions.Tests;

public sealed class DependencyInjectionTests
{
    private static readonly Type[] FunctionClasses = typeof(ExecuteFunction).Assembly.GetTypes()
        .Where(type => type.GetMethods().Any(method => method.GetCustomAttribute<FunctionAttribute>() is not null))
        .OrderBy(type => type.Name)
        .ToArray();

    [Fact]
    public void FunctionClasses_AreTheOnesExpected() =>
        Assert.Equal(
            ["ExecuteBatchFunction", "ExecuteFunction", "GradeFunction", "HealthFunction", "JobsFunction", "LanguagesFunction", "McpFunction", "OpenApiFunction", "PlaygroundFunction", "ProcessJobFunction", "ProcessJobItemFunction", "StatisticsFunction"],
            FunctionClasses.Select(type => type.Name));

    [Fact]
    public void FunctionsHostContainer_ResolvesEveryFunctionClass()
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });
        builder.ConfigureFunctionsWebApplication();
        builder.Services.AddCodeExecutionFunctions(builder.Configuration);
        builder.Services.Configure<ServiceProviderOptions>(_ => { });
        using var provider = builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        using var scope = provider.CreateScope();

        foreach (var type in FunctionClasses)
        {
            Assert.NotNull(scope.ServiceProvider.GetRequiredService(type));
            Assert.NotNull(ActivatorUtilities.CreateInstance(scope.ServiceProvider, type));
        }
    }

    [Theory]
    [InlineData("MaxBatchSize", "0")]
    [InlineData("MaxWaitingRequests", "-1")]
    [InlineData("MaxWaitingRequests", "10001")]
    [InlineData("MaxQueueWaitMs", "0")]
    [InlineData("MaxQueueWaitMs", "60001")]
    public async Task InvalidOptions_FailAtStart(string option, string value)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            [$"CodeExecution:{option}"] = value,
        });
        builder.Services.AddCodeExecutionFunctions(builder.Configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(option, error.Message);
    }

    [Fact]
    public async Task ShortCallbackSigningKey_FailsAtStart_WithoutShowingTheKey()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Jobs:CallbackSigningKey"] = "s3cr3t",
        });
        builder.Services.AddCodeExecutionFunctions(builder.Configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("CallbackSigningKey must be at least 16 characters when set; it has 6.", error.Message);
        Assert.DoesNotContain("s3cr3t", error.Message);
    }

    [Fact]
    public async Task CallbackRetriesLongerThanAFunctionCall_FailAtStart()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Jobs:CallbackAttempts"] = "10",
        });
        builder.Services.AddCodeExecutionFunctions(builder.Configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("allow 611000 ms of callback delivery; at most 110000 ms fit in a function call.", error.Message);
    }

    [Fact]
    public async Task InvalidStorageNames_FailAtStart()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Storage:RuntimesContainer"] = "Not_A_Container",
        });
        builder.Services.AddCodeExecutionFunctions(builder.Configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("RuntimesContainer must be a valid blob container name.", error.Message);
    }
}
