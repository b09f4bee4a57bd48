using System.Net;
using System.Net.Sockets;
using System.Text;
using CodeExecution.Core.Model;
using CodeExecution.Core.Network;
using CodeExecution.Core.Sandbox;
using CodeExecution.Core.Tests.Network;
using CodeExecution.Core.Validation;

namespace CodeExecution.Core.Tests;

/// <summary>
/// Python's network through the host: <c>urllib</c> and <c>http.client</c> behave as under <c>python3</c> talking to a
/// server that gives the same answers (<see cref="ScriptedServer"/>), byte for byte, while every request, each hop of
/// a redirect too, goes to the run's <see cref="IGuestNetwork"/> (here a <see cref="FakeNetwork"/>), and a run given
/// none is refused with the reason.
/// </summary>
/// <remarks>
/// These runs are given a stand-in network on their validated request, where the executor would open the real one,
/// and run on the executor's Python runtime directly; <c>PythonUrlopenTests</c> runs urllib through the real rules.
/// </remarks>
[Collection(ExecutorCollection.Name)]
public sealed class PythonNetworkTests(ExecutorFixture fixture)
{
    private static readonly IReadOnlyDictionary<string, GuestHttpResponse> Answers = new Dictionary<string, GuestHttpResponse>
    {
        ["/hello?name=ada"] = Answer(200, "OK", "hello, ada\n", ("Content-Type", "text/plain; charset=utf-8"), ("X-Answer", "42")),
        ["/missing"] = Answer(404, "Not Found", "no such page", ("Content-Type", "text/html")),
        ["/old"] = Answer(302, "Found", "", ("Location", "/new")),
        ["/new"] = Answer(200, "OK", "arrived"),
        ["/form"] = Answer(201, "Created", "stored"),
    };

    private static GuestHttpResponse Answer(int status, string reason, string body, params (string Name, string Value)[] headers) =>
        new(status, reason, "", [.. headers.Select(header => new KeyValuePair<string, string>(header.Name, header.Value))], Encoding.UTF8.GetBytes(body));

    [Fact]
    public async Task Urlopen_Ok_ReadsStatusHeadersAndBody_AsNative()
    {
        await using var server = new ScriptedServer(Answers);
        var code = $"URL = '{server.Origin}'\n" + """
            import urllib.request
            with urllib.request.urlopen(URL + '/hello?name=ada', timeout=5) as r:
                print(r.status, r.reason, r.version, r.geturl())
                print(r.headers['Content-Type'], r.headers['Content-Length'], r.getheader('X-Answer'), r.headers.get_content_charset())
                print(repr(r.read()))
            """;

        var (sandbox, native) = await RunBothAsync(code, server);

        Assert.Equal(
            $"200 OK 11 {server.Origin}/hello?name=ada\ntext/plain; charset=utf-8 11 42 utf-8\nb'hello, ada\\n'\n", sandbox.Stdout);
        Assert.Equal((native.ExitCode, native.Stdout, native.Stderr), (sandbox.ExitCode, sandbox.Stdout, sandbox.Stderr));
        Assert.Equal([$"GET {server.Origin}/hello?name=ada"], server.Network.Sent.Select(request => $"{request.Method} {request.Url}"));
    }

    [Fact]
    public async Task Urlopen_NotFound_RaisesHTTPError_AsNative()
    {
        await using var server = new ScriptedServer(Answers);
        var code = $"URL = '{server.Origin}'\n" + """
            import urllib.error, urllib.request
            try:
                urllib.request.urlopen(URL + '/missing')
            except urllib.error.HTTPError as e:
                print(e)
                print(e.code, e.reason, e.headers['Content-Type'], e.headers['Content-Length'])
                print(e.read().decode())
            """;

        var (sandbox, native) = await RunBothAsync(code, server);

        Assert.Equal("HTTP Error 404: Not Found\n404 Not Found text/html 12\nno such page\n", sandbox.Stdout);
        Assert.Equal((native.ExitCode, native.Stdout, native.Stderr), (sandbox.ExitCode, sandbox.Stdout, sandbox.Stderr));
    }

    [Fact]
    public async Task Urlopen_Redirect_IsFollowedByUrllib_EachHopARequestToTheHost()
    {
        await using var server = new ScriptedServer(Answers);
        var code = $"URL = '{server.Origin}'\n" + """
            import urllib.request
            with urllib.request.urlopen(URL + '/old') as r:
                print(r.status, r.geturl(), r.read().decode())
            """;

        var (sandbox, native) = await RunBothAsync(code, server);

        Assert.Equal($"200 {server.Origin}/new arrived\n", sandbox.Stdout);
        Assert.Equal((native.ExitCode, native.Stdout, native.Stderr), (sandbox.ExitCode, sandbox.Stdout, sandbox.Stderr));
        Assert.Equal(
            [$"GET {server.Origin}/old", $"GET {server.Origin}/new"],
            server.Network.Sent.Select(request => $"{request.Method} {request.Url}"));
    }

    [Fact]
    public async Task Urlopen_Post_ReachesTheHostWithTheBodyAndHeadersPythonSends()
    {
        await using var server = new ScriptedServer(Answers);
        var code = $"URL = '{server.Origin}'\n" + """
            import urllib.request
            request = urllib.request.Request(URL + '/form', data=b'name=ada&lang=py', headers={'X-Token': 'abc'})
            with urllib.request.urlopen(request) as r:
                print(r.status, r.reason, r.read().decode())
            """;

        var (sandbox, native) = await RunBothAsync(code, server);

        Assert.Equal("201 Created stored\n", sandbox.Stdout);
        Assert.Equal((native.ExitCode, native.Stdout, native.Stderr), (sandbox.ExitCode, sandbox.Stdout, sandbox.Stderr));
        var sent = Assert.Single(server.Network.Sent);
        var arrived = Assert.Single(server.Requests);
        Assert.Equal(("POST", $"{server.Origin}/form", "name=ada&lang=py"), (sent.Method, sent.Url, Encoding.UTF8.GetString(sent.Body)));
        Assert.Equal(
            [
                "Accept-Encoding: identity", "Content-Type: application/x-www-form-urlencoded", "Content-Length: 16",
                $"Host: 127.0.0.1:{server.Port}", "User-Agent: Python-urllib/3.11", "X-Token: abc", "Connection: close",
            ],
            sent.Headers.Select(header => $"{header.Key}: {header.Value}"));
        Assert.Equal(arrived.Headers, sent.Headers);
        Assert.Equal(arrived.Body, sent.Body);
    }

    [Fact]
    public async Task RefusedRequest_RaisesURLErrorWithTheReason_OfTheTypeARefusedConnectionRaisesNatively()
    {
        var url = $"http://127.0.0.1:{ClosedPort()}/";
        var code = $"URL = '{url}'\n" + """
            import urllib.error, urllib.request
            try:
                urllib.request.urlopen(URL)
            except urllib.error.URLError as e:
                print(type(e).__name__, type(e.reason).__name__)
                print(e.reason)
            """;
        var network = FakeNetwork.Answering(new Dictionary<string, GuestHttpResponse>());

        var sandbox = await RunAsync(code, network);
        var native = await Native.RunAsync("python3", "main.py", code);

        Assert.Equal($"URLError ConnectionRefusedError\n{url} is not among the test's answers\n", sandbox.Stdout);
        Assert.Equal("URLError ConnectionRefusedError\n[Errno 111] Connection refused\n", native.Stdout);
        Assert.Equal([url], network.Sent.Select(request => request.Url));
    }

    [Fact]
    public async Task NoNetwork_UrlopenRaisesURLError_SayingHowToAllowIt()
    {
        var result = await fixture.RunAsync(ExecutionLanguage.Python, """
            import urllib.error, urllib.request
            try:
                urllib.request.urlopen('https://example.org/')
            except urllib.error.URLError as e:
                print(type(e).__name__, type(e.reason).__name__)
                print(e)
            """);

        Assert.Equal(
            "URLError ConnectionRefusedError\n<urlopen error network access is not allowed: the request did not set limits.allowNetwork with network.allow>\n",
            result.Stdout);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task HttpClient_TwoRequestsOnOneConnection_AsNative()
    {
        await using var server = new ScriptedServer(Answers);
        var code = $"HOST = '127.0.0.1:{server.Port}'\n" + """
            import http.client
            connection = http.client.HTTPConnection(HOST)
            for path in ('/hello?name=ada', '/missing'):
                connection.request('GET', path, headers={'Accept': 'text/plain'})
                response = connection.getresponse()
                print(response.status, response.reason, response.getheader('Content-Type'), response.read(), response.isclosed(), connection.sock is not None)
            connection.close()
            """;

        var (sandbox, native) = await RunBothAsync(code, server);

        Assert.Equal("200 OK text/plain; charset=utf-8 b'hello, ada\\n' True True\n404 Not Found text/html b'no such page' True True\n", sandbox.Stdout);
        Assert.Equal((native.ExitCode, native.Stdout, native.Stderr), (sandbox.ExitCode, sandbox.Stdout, sandbox.Stderr));
        Assert.Equal(server.Requests.Select(request => request.Headers), server.Network.Sent.Select(request => request.Headers));
    }

    [Fact]
    public async Task Https_GoesThroughTheHost_AsHttpsUrls()
    {
        var network = FakeNetwork.Answering(new Dictionary<string, GuestHttpResponse>
        {
            ["https://example.org/a"] = Answer(200, "OK", "first"),
            ["https://example.org:8443/b?c=1"] = Answer(200, "OK", "second"),
        });
        var code = """
            import http.client, urllib.request
            print(urllib.request.urlopen('https://example.org/a').read())
            connection = http.client.HTTPSConnection('example.org:8443')
            connection.request('GET', '/b?c=1')
            print(connection.getresponse().read(), http.client.HTTPSConnection.__mro__[1] is http.client.HTTPConnection)
            """;

        var result = await RunAsync(code, network);

        Assert.Equal("b'first'\nb'second' True\n", result.Stdout);
        Assert.Equal(
            ["https://example.org/a Host: example.org", "https://example.org:8443/b?c=1 Host: example.org:8443"],
            network.Sent.Select(request => $"{request.Url} Host: {request.Headers.Single(h => h.Key == "Host").Value}"));
    }

    [Fact]
    public async Task StopDuringARequest_StopsTheProgramAtItsDeadline()
    {
        var network = new FakeNetwork((_, guard) =>
        {
            guard.RequestStop(StopReason.Timeout);
            guard.ThrowIfStopped();
            throw new InvalidOperationException("not reached");
        });

        var result = await RunAsync("import urllib.request\nprint('asking', flush=True)\nurllib.request.urlopen('http://example.org/')\nprint('not reached')", network);

        Assert.Equal("asking\n", result.Stdout);
        Assert.True(result.Metadata.TimeoutHit);
        Assert.Equal(124, result.ExitCode);
    }

    [Fact]
    public async Task ProgramWithoutNetwork_DoesNotImportHttpClient()
    {
        var result = await fixture.RunAsync(ExecutionLanguage.Python, "import sys\nprint('http.client' in sys.modules, 'urllib.request' in sys.modules)");

        Assert.Equal("False False\n", result.Stdout);
    }

    /// <summary>The program in the sandbox with the server's answers as its network, and under <c>python3</c> against the server.</summary>
    private async Task<(ExecutionResult Sandbox, Native.Run Native)> RunBothAsync(string code, ScriptedServer server)
    {
        var sandbox = await RunAsync(code, server.Network);
        var native = await Native.RunAsync("python3", "main.py", code);
        return (sandbox, native);
    }

    /// <summary>Runs <paramref name="code"/> given <paramref name="network"/>, on a thread with a sandbox thread's stack.</summary>
    private Task<ExecutionResult> RunAsync(string code, IGuestNetwork network)
    {
        var request = RequestValidator.Validate(new ExecutionRequest { Language = ExecutionLanguage.Python, Code = code }, EffectiveLimits.Default)
            with { Network = network };
        var runtime = fixture.Executor.RuntimeOf(ExecutionLanguage.Python)!;
        var done = new TaskCompletionSource<ExecutionResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        new Thread(() => done.SetResult(runtime.Execute(request, CancellationToken.None)), SandboxEngine.GuestThreadStackBytes).Start();
        return done.Task;
    }

    /// <summary>A loopback port nothing listens on: one just given up.</summary>
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
