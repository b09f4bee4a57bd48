using CodeExecution.Mcp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol;

namespace CodeExecution.Functions.Http;

/// <summary>
/// The Model Context Protocol SDK's streamable HTTP transport, run inside an HTTP trigger: the SDK maps its handler on
/// endpoints, which a Functions app does not give; so it is mapped once on a small pipeline of its own, which the
/// trigger hands each request to. Stateless: every request stands alone, as any instance may answer it.
/// </summary>
public sealed class McpEndpoint
{
    public const string Path = "/api/mcp";

    private readonly RequestDelegate _pipeline;

    public McpEndpoint(IServiceProvider services)
    {
        var app = new ApplicationBuilder(services);
        app.UseRouting();
        app.UseEndpoints(endpoints => endpoints.MapMcp(Path));
        _pipeline = app.Build();
    }

    public async Task HandleAsync(HttpContext context)
    {
        // The request arrives matched to the trigger's endpoint; routing would run that again rather than match the SDK's.
        var trigger = context.GetEndpoint();
        context.SetEndpoint(null);
        try
        {
            await _pipeline(context);
        }
        finally
        {
            context.SetEndpoint(trigger);
        }
    }

    /// <summary>
    /// How <c>run_code</c> runs on the app: through the instance's wait queue, as <c>POST /api/execute</c> does; a
    /// request it refuses is a tool error saying why.
    /// </summary>
    public static RunRequest Queued(ExecutionQueue queue) => async (request, cancellationToken) =>
    {
        try
        {
            return await queue.RunAsync(request, cancellationToken);
        }
        catch (RequestRefusedException refused)
        {
            throw new McpException(refused.Message);
        }
    };
}
