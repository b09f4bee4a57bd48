using System.Net;
using CodeExecution.Core.Network;
using CodeExecution.Testing;

namespace CodeExecution.Core.Tests.Network;

/// <summary>
/// The native reference for the sandbox's network: a loopback server giving <c>python3</c> the same answers, by path
/// and query, that a <see cref="FakeNetwork"/> gives the sandbox by URL (<see cref="Network"/>), and keeping the
/// requests as they arrived.
/// </summary>
public sealed class ScriptedServer : LoopbackHttpServer
{
    private readonly IReadOnlyDictionary<string, GuestHttpResponse> _answers;
    private readonly List<GuestHttpRequest> _requests = [];

    /// <param name="answers">By path and query (<c>/page?x=1</c>). Their Content-Length is the body's.</param>
    public ScriptedServer(IReadOnlyDictionary<string, GuestHttpResponse> answers)
    {
        _answers = answers;
        Network = FakeNetwork.Answering(answers.ToDictionary(pair => Origin + pair.Key, pair => pair.Value));
    }

    /// <summary>The same answers for the sandbox, by absolute URL.</summary>
    public FakeNetwork Network { get; }

    /// <summary>The requests that arrived, with the URL as the server saw it and headers in the order sent.</summary>
    public IReadOnlyList<GuestHttpRequest> Requests => _requests;

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        using var body = new MemoryStream();
        await request.InputStream.CopyToAsync(body);
        _requests.Add(new GuestHttpRequest(
            request.HttpMethod,
            request.Url!.ToString(),
            [.. request.Headers.AllKeys.Select(name => new KeyValuePair<string, string>(name!, request.Headers[name]!))],
            body.ToArray()));

        var response = context.Response;
        var answer = _answers[request.RawUrl!];
        response.StatusCode = answer.Status;
        response.StatusDescription = answer.Reason;
        foreach (var (name, value) in answer.Headers)
        {
            response.AddHeader(name, value);
        }

        response.ContentLength64 = answer.Body.Length;
        await response.OutputStream.WriteAsync(answer.Body);
    }
}
