using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;

namespace CodeExecution.Testing;

/// <summary>Real ASP.NET Core requests for the function classes, and their responses as written to the wire.</summary>
public static class HttpCall
{
    public static HttpRequest Request(string method, string path, string? body = null, string? contentType = "application/json", string? query = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost", 7071);
        context.Request.Path = path;
        if (query is not null)
        {
            context.Request.QueryString = new QueryString(query);
        }

        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentLength = bytes.Length;
        }

        if (contentType is not null)
        {
            context.Request.ContentType = contentType;
        }

        context.Response.Body = new MemoryStream();
        return context.Request;
    }

    public static HttpRequest Post(string path, string body, string? contentType = "application/json") => Request("POST", path, body, contentType);

    public static HttpRequest Get(string path, string? query = null) => Request("GET", path, query: query);

    /// <summary>Runs the function and executes its result against the request's own response, as the host would.</summary>
    public static async Task<HttpAnswer> SendAsync(HttpRequest request, Func<HttpRequest, Task<IActionResult>> function)
    {
        var result = await function(request);
        var context = request.HttpContext;
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        context.Response.Body.Position = 0;
        var text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        return new HttpAnswer(context.Response.StatusCode, context.Response.ContentType ?? "", context.Response.Headers, text);
    }
}
