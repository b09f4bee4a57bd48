using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using CodeExecution.Core.Model;

namespace CodeExecution.Core.Network;

/// <summary>
/// The executor's one HTTP client for its programs' requests: no proxy, no cookies, no redirects followed, no
/// decompression, TLS verified; and a connect step that resolves each host itself and dials only public addresses
/// (<see cref="PublicAddresses"/>), so a name that resolves, or is re-pointed, to a private or metadata address is
/// refused when connecting, whatever the allow-list says.
/// </summary>
public sealed class HostNetwork : IDisposable
{
    private readonly NetworkOptions _options;
    private readonly HttpClient _http;

    public HostNetwork(NetworkOptions options)
    {
        _options = options;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            ConnectCallback = ConnectAsync,
        };
        if (options.TrustedRoots is { Count: > 0 } roots)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => Trusted(certificate, errors, roots);
        }

        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public NetworkOptions Options => _options;

    /// <summary>The network of one run: its rules and limits, its count and list of requests.</summary>
    public GuestNetworkSession Open(NetworkRules rules, EffectiveLimits limits) => new(this, rules, limits);

    internal Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    public void Dispose() => _http.Dispose();

    private ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken) =>
        PublicConnector.ConnectAsync(
            context.DnsEndPoint, _options.Resolve,
            address => !PublicAddresses.IsPrivate(address) || _options.ReachablePrivateAddresses.Contains(address),
            "programs", cancellationToken);

    /// <summary>A certificate the system does not trust, but one of <paramref name="roots"/> does (and for the right name).</summary>
    private static bool Trusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection roots)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
