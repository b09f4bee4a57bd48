using CodeExecution.Core.Model;

namespace CodeExecution.Core.Tests.Network;

/// <summary>
/// JavaScript's fetch through the host: what Node's own fetch does against the same server, byte for byte; and
/// every request the rules refuse, refused with Node's <c>TypeError: fetch failed</c> and a cause that says why.
/// </summary>
public sealed class JavaScriptFetchTests(NetworkFixture network) : IClassFixture<NetworkFixture>
{
    [Fact]
    public async Task Fetch_GetPostRedirectAndNotFound_PrintWhatNodePrints()
    {
        var code = $$"""
            const base = '{{network.PlainOrigin}}';
            (async () => {
              const r = await fetch(base + '/hello?x=1', { headers: { 'X-Test': 'yes' } });
              console.log(r.status, r.ok, r.statusText, r.headers.get('content-type'), r.headers.get('x-served-by'), r.url === base + '/hello?x=1', r.redirected);
              console.log(JSON.stringify(await r.text()));
              const p = await fetch(base + '/echo', { method: 'POST', body: JSON.stringify({ a: 'é' }), headers: { 'content-type': 'application/json', 'X-Test': 't' } });
              console.log(p.status, await p.json());
              const m = await fetch(base + '/moved');
              console.log(m.status, m.url === base + '/hello', m.redirected, await m.text());
              const n = await fetch(base + '/missing');
              console.log(n.status, n.ok, n.statusText, await n.text());
              const h = await fetch(new Request(base + '/echo', { method: 'PUT', body: 'plain' }));
              const echoed = await h.json();
              console.log(echoed.method, echoed.body, echoed.type);
            })();
            """;

        var native = await Native.RunAsync("node", "main.js", code);
        var sandboxed = await network.RunAsync(ExecutionLanguage.JavaScript, code, ["127.0.0.1"]);

        Assert.Equal(0, native.ExitCode);
        Assert.Equal(native.Stdout, sandboxed.Stdout);
        Assert.Equal("", sandboxed.Stderr);
        Assert.True(sandboxed.Success);
        Assert.Equal(6, sandboxed.Metadata.NetworkRequests);
        Assert.Equal(
            ["GET 127.0.0.1 200", "POST 127.0.0.1 200", "GET 127.0.0.1 302", "GET 127.0.0.1 200", "GET 127.0.0.1 404", "PUT 127.0.0.1 200"],
            sandboxed.Network!.Select(r => $"{r.Method} {r.Host} {r.Status}"));
        Assert.Equal(14, sandboxed.Network![0].Bytes);
    }

    [Fact]
    public async Task Fetch_OverTls_ToANameTheRulesAllow_WithASecretHeaderTheProgramNeverSees()
    {
        var code = $$"""
            (async () => {
              const r = await fetch('{{network.SecureOrigin}}/echo', { method: 'POST', body: 'x', headers: { Authorization: 'mine', 'X-Test': 'kept' } });
              console.log(r.status, await r.text());
              console.log(Object.keys(process.env).length, JSON.stringify(process.env).includes('s3cret'));
            })();
            """;

        var result = await network.RunAsync(
            ExecutionLanguage.JavaScript, code, ["*.allowed.test"],
            headers: new Dictionary<string, IReadOnlyDictionary<string, string>> { ["*.allowed.test"] = new Dictionary<string, string> { ["Authorization"] = "Bearer s3cret" } });

        Assert.Equal("200 {\"method\":\"POST\",\"body\":\"x\",\"type\":\"text/plain;charset=UTF-8\",\"test\":\"kept\"}\n0 false\n", result.Stdout);
        var received = network.Secure.Requests.Last(r => r.Target == "/echo" && r.Text == "x");
        Assert.Equal("Bearer s3cret", received.Header("Authorization"));
        Assert.Equal($"api.allowed.test:{network.Secure.Port}", received.Header("Host"));
        Assert.Equal("api.allowed.test", Assert.Single(result.Network!).Host);
    }

    [Theory]
    [InlineData("https://evil.test/", "evil.test is not in network.allow (api.allowed.test, 127.0.0.1); the request was refused.")]
    [InlineData("SECURE/away", "evil.test is not in network.allow (api.allowed.test, 127.0.0.1); the request was refused.")]
    [InlineData("http://internal.allowed.test/", "internal.allowed.test is not in network.allow (api.allowed.test, 127.0.0.1); the request was refused.")]
    [InlineData("ftp://api.allowed.test/", "'ftp://api.allowed.test/' is not an http or https URL; programs reach the network by HTTP only.")]
    [InlineData("https://user:pw@api.allowed.test/", "URLs with credentials (user:password@) are not sent; use a header.")]
    public async Task Fetch_OutsideTheRules_IsRefused_WithNodesTypeErrorAndTheReason(string url, string reason)
    {
        var code = $$"""
            fetch('{{url.Replace("SECURE", network.SecureOrigin)}}').then(() => console.log('reached'), (e) => console.log(e.name, e.message, '|', e.cause.message));
            """;

        var result = await network.RunAsync(ExecutionLanguage.JavaScript, code, ["api.allowed.test", "127.0.0.1"]);

        Assert.Equal($"TypeError fetch failed | {reason}\n", result.Stdout);
        Assert.True(result.Success);
        Assert.Equal(reason, result.Network![^1].Error);
    }

    [Theory]
    [InlineData("http://internal.allowed.test/", "internal.allowed.test resolves only to local, private or metadata addresses (10.0.0.5); programs reach public hosts only.")]
    [InlineData("http://meta.allowed.test/latest/meta-data/", "meta.allowed.test resolves only to local, private or metadata addresses (169.254.169.254); programs reach public hosts only.")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "169.254.169.254 resolves only to local, private or metadata addresses (169.254.169.254); programs reach public hosts only.")]
    [InlineData("http://ipv6.allowed.test:1/", "ipv6.allowed.test resolves only to local, private or metadata addresses (::1); programs reach public hosts only.")]
    public async Task Fetch_ToAnAllowedNameOnAPrivateOrMetadataAddress_IsRefusedWhenConnecting(string url, string reason)
    {
        var code = $"fetch('{url}').then(() => console.log('reached'), (e) => console.log(e.cause.message));";

        var result = await network.RunAsync(ExecutionLanguage.JavaScript, code, ["*.allowed.test", "169.254.169.254"]);

        Assert.Equal($"{reason}\n", result.Stdout);
    }

    [Fact]
    public async Task Fetch_MethodNotAllowed_UntrustedCertificate_AndTooManyRequests_AreRefused()
    {
        var code = $$"""
            (async () => {
              for (const [url, method] of [['{{network.SecureOrigin}}/echo', 'DELETE'], ['https://untrusted.allowed.test:{{network.UntrustedServer.Port}}/hello', 'GET'],
                  ['{{network.SecureOrigin}}/hello', 'GET'], ['{{network.SecureOrigin}}/hello', 'GET']]) {
                try { const r = await fetch(url, { method }); console.log(r.status); } catch (e) { console.log(e.cause.message); }
              }
            })();
            """;

        var result = await network.RunAsync(ExecutionLanguage.JavaScript, code, ["*.allowed.test"], methods: ["GET", "POST"], limits: new ExecutionLimits { MaxNetworkRequests = 3 });

        Assert.Equal(
            "DELETE is not in network.methods (GET, POST); the request was refused.\n"
            + "the TLS connection to untrusted.allowed.test failed: its certificate is not trusted or does not name it.\n"
            + "200\n"
            + "limits.maxNetworkRequests of 3 is reached; no more requests can be made.\n",
            result.Stdout);
        Assert.Equal(4, result.Metadata.NetworkRequests);
    }

    [Fact]
    public async Task Fetch_OfMoreThanMaxNetworkBytes_IsCutOff_AndTheRunGoesOn()
    {
        var code = $$"""
            (async () => {
              for (const path of ['/big', '/hello', '/endless', '/hello']) {
                try { const r = await fetch('{{network.SecureOrigin}}' + path); console.log((await r.arrayBuffer()).byteLength); } catch (e) { console.log(e.cause.message); }
              }
              try { await fetch('{{network.SecureOrigin}}/echo', { method: 'POST', body: new Uint8Array(1048577) }); } catch (e) { console.log(e.cause.message); }
            })();
            """;

        var result = await network.RunAsync(ExecutionLanguage.JavaScript, code, ["api.allowed.test"], limits: new ExecutionLimits { MaxNetworkBytes = 1024 * 1024 });

        Assert.Equal(
            "the response is larger than the 1048576 bytes left of limits.maxNetworkBytes (1048576); it was cut off and not given to the program.\n"
            + "14\n"
            + "the response is larger than the 1048562 bytes left of limits.maxNetworkBytes (1048576); it was cut off and not given to the program.\n"
            + "limits.maxNetworkBytes of 1048576 bytes is used up; no more responses can be received.\n"
            + "the request's body (1048577 bytes) is larger than limits.maxNetworkBytes (1048576); it was not sent.\n",
            result.Stdout);
        Assert.Equal([0L, 14L], result.Network!.Take(2).Select(r => r.Bytes));
        Assert.True(result.Network![2].Bytes > 1048562);
        Assert.True(result.Success);
    }

    [Fact]
    public async Task Fetch_ThatOutlastsTheTimeLimit_EndsTheRunAsATimeout()
    {
        var code = $"fetch('{network.SecureOrigin}/slow').then(r => r.text()).then(console.log, (e) => console.log('caught', e.cause.message));\nsetTimeout(() => console.log('later'), 10);";

        var result = await network.RunAsync(ExecutionLanguage.JavaScript, code, ["api.allowed.test"], limits: new ExecutionLimits { TimeoutMs = 1000 });

        Assert.True(result.Metadata.TimeoutHit);
        Assert.Equal(124, result.ExitCode);
        Assert.Equal("Time limit of 1000 ms exceeded; the program was stopped.", result.Error);
        Assert.StartsWith("api.allowed.test did not answer within ", result.Network![0].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_WithoutNetwork_IsRefused_AndTheResultListsNoRequests()
    {
        var result = await network.Executor.ExecuteAsync(new ExecutionRequest
        {
            Language = ExecutionLanguage.JavaScript,
            Code = $"fetch('{network.PlainOrigin}/hello').then(() => console.log('reached'), (e) => console.log(e.message, '|', e.cause.message));",
        });

        Assert.Equal("fetch failed | network access is not allowed: the request did not set limits.allowNetwork with network.allow\n", result.Stdout);
        Assert.Null(result.Network);
        Assert.Equal(0, result.Metadata.NetworkRequests);
    }
}
