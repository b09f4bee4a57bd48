using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CodeExecution.Functions.Testing;

/// <summary>
/// The app's HTTP functions served by Kestrel on a loopback port, as the Functions host would serve them: every
/// method with an <see cref="HttpTriggerAttribute"/> answers its methods on <c>/api/{Route}</c>, its other parameters
/// bound from the route by name, its <see cref="IActionResult"/> written to the response. The Functions host cannot
/// be installed here; the functions, their services and their configuration are the app's own. Function keys are
/// not checked (as under <c>func start</c>).
/// </summary>
public sealed class FunctionsWebHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FunctionsWebHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>The server's origin, e.g. <c>http://127.0.0.1:41234/</c>; routes are under <c>api/</c>.</summary>
    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<FunctionsWebHost> StartAsync(IDictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddCodeExecutionFunctions(builder.Configuration);
        configure?.Invoke(builder.Services);
        var app = builder.Build();
        foreach (var function in HttpFunctions())
        {
            app.MapMethods($"/api/{function.Route}", function.Methods, context => InvokeAsync(context, function.Method));
        }

        await app.StartAsync();
        await app.Services.GetRequiredService<ExecutorHost>().GetReadyAsync(CancellationToken.None);
        var address = app.Urls.Single();
        return new FunctionsWebHost(app, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    /// <summary>Waits until <paramref name="executions"/> run at once, so that the next request has to wait its turn.</summary>
    public async Task WaitUntilRunningAsync(int executions)
    {
        var executor = await _app.Services.GetRequiredService<ExecutorHost>().GetReadyAsync(CancellationToken.None);
        while (executor.Running < executions)
        {
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed record HttpFunction(MethodInfo Method, string Route, string[] Methods);

    /// <summary>Every HTTP-triggered function in the app, with its route and methods as its attribute gives them.</summary>
    private static IEnumerable<HttpFunction> HttpFunctions() =>
        from type in typeof(ExecutorHost).Assembly.GetTypes()
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
        where method.GetCustomAttribute<FunctionAttribute>() is not null
        let trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).SingleOrDefault(a => a is not null)
        where trigger is not null
        select new HttpFunction(method, trigger.Route!, trigger.Methods!.Select(m => m.ToUpperInvariant()).ToArray());

    private static async Task InvokeAsync(HttpContext context, MethodInfo method)
    {
        var function = context.RequestServices.GetRequiredService(method.DeclaringType!);
        var arguments = method.GetParameters()
            .Select(parameter => parameter.ParameterType == typeof(HttpRequest)
                ? context.Request
                : Convert.ChangeType(context.GetRouteValue(parameter.Name!)?.ToString(), parameter.ParameterType, System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();
        var result = await (Task<IActionResult>)method.Invoke(function, arguments)!;
        await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
    }
}
