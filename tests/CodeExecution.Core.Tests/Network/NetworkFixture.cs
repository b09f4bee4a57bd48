using System.Net;
using System.Security.Cryptography.X509Certificates;
using CodeExecution.Core.Model;
using CodeExecution.Core.Network;

namespace CodeExecution.Core.Tests.Network;

/// <summary>
/// An executor whose programs may reach the network, and the servers they reach: a plain HTTP server on
/// 127.0.0.1 (which native <c>node</c> and <c>python3</c> reach too, for comparison), an HTTPS server under
/// <c>*.allowed.test</c> whose certificate the executor trusts, and one whose certificate nobody trusts. Names resolve
/// through the test's own table: <c>api</c> and <c>other.allowed.test</c> to the loopback address (the one private
/// address programs may reach here), <c>internal.allowed.test</c> to 10.0.0.5 and <c>meta.allowed.test</c> to the
/// cloud metadata address, and <c>ipv6.allowed.test</c> to IPv6's loopback, none of which they may reach.
/// </summary>
public sealed class NetworkFixture : IAsyncLifetime
{
    public static readonly X509Certificate2 Trusted = TestWebServer.Certificate("api.allowed.test", "other.allowed.test", "*.allowed.test");
    public static readonly X509Certificate2 Untrusted = TestWebServer.Certificate("untrusted.allowed.test");

    private static readonly Dictionary<string, IPAddress> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["api.allowed.test"] = IPAddress.Loopback,
        ["other.allowed.test"] = IPAddress.Loopback,
        ["untrusted.allowed.test"] = IPAddress.Loopback,
        ["internal.allowed.test"] = IPAddress.Parse("10.0.0.5"),
        ["meta.allowed.test"] = IPAddress.Parse("169.254.169.254"),
        ["ipv6.allowed.test"] = IPAddress.IPv6Loopback,
    };

    public TestWebServer Plain { get; } = new(Site);

    public TestWebServer Secure { get; } = new(Site, Trusted);

    public TestWebServer UntrustedServer { get; } = new(Site, Untrusted);

    public CodeExecutor Executor { get; } = new(new CodeExecutorOptions
    {
        ModuleCacheDirectory = ExecutorFixture.ModuleCacheDirectory,
        MaxConcurrency = 2,
        Network = new NetworkOptions
        {
            Resolve = (name, _) => Names.TryGetValue(name, out var address)
                ? Task.FromResult(new[] { address })
                : Dns.GetHostAddressesAsync(name),
            ReachablePrivateAddresses = [IPAddress.Loopback],
            TrustedRoots = [Trusted],
        },
    });

    /// <summary><c>http://127.0.0.1:PORT</c> of the plain server.</summary>
    public string PlainOrigin => $"http://127.0.0.1:{Plain.Port}";

    /// <summary><c>https://api.allowed.test:PORT</c> of the trusted HTTPS server.</summary>
    public string SecureOrigin => $"https://api.allowed.test:{Secure.Port}";

    /// <summary>The paths every server answers: the same site, so that native and sandboxed runs see the same answers.</summary>
    public static Answer Site(Received request) => request.Target switch
    {
        "/hello" or "/hello?x=1" => Answer.Text(200, "OK", "héllo wörld\n", "text/plain; charset=utf-8", ("X-Served-By", "test")),
        "/echo" => Answer.Text(200, "OK",
            $"{{\"method\":\"{request.Method}\",\"body\":{System.Text.Json.JsonSerializer.Serialize(request.Text)},\"type\":\"{request.Header("Content-Type")}\",\"test\":\"{request.Header("X-Test")}\"}}",
            "application/json"),
        "/moved" => new Answer(302, "Found", [new("Location", "/hello")], []),
        "/away" => new Answer(302, "Found", [new("Location", "https://evil.test/")], []),
        "/big" => new Answer(200, "OK", [new("Content-Type", "application/octet-stream")], new byte[3 * 1024 * 1024]),
        "/endless" => new Answer(200, "OK", [new("Content-Type", "application/octet-stream")], []) { EndlessBytes = 64L * 1024 * 1024 },
        "/slow" => Answer.Text(200, "OK", "late\n") with { Delay = TimeSpan.FromSeconds(5) },
        _ => Answer.Text(404, "Not Found", "no such page\n"),
    };

    /// <summary>A run with network: the given allow-list and, when given, methods, secret headers and limits.</summary>
    public Task<ExecutionResult> RunAsync(
        ExecutionLanguage language, string code, IReadOnlyList<string> allow, IReadOnlyList<string>? methods = null,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? headers = null, ExecutionLimits? limits = null) =>
        Executor.ExecuteAsync(new ExecutionRequest
        {
            Language = language,
            Code = code,
            Limits = (limits ?? new ExecutionLimits()) with { AllowNetwork = true },
            Network = new NetworkAccess { Allow = allow, Methods = methods, Headers = headers },
        });

    public Task InitializeAsync() => Executor.InitializeAsync();

    public async Task DisposeAsync()
    {
        Executor.Dispose();
        await Plain.DisposeAsync();
        await Secure.DisposeAsync();
        await UntrustedServer.DisposeAsync();
    }
}
