using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace CodeExecution.Core.Tests.Network;

/// <summary>
/// An HTTP/1.1 server on a loopback port, plain or with TLS under a certificate of its own, that answers each
/// request from <see cref="Handler"/> and closes the connection: enough of HTTP for a guest's requests, with
/// control over what no framework would send (an endless body, an answer that never comes).
/// </summary>
public sealed class TestWebServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2? _certificate;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public TestWebServer(Func<Received, Answer> handler, X509Certificate2? certificate = null)
    {
        Handler = handler;
        _certificate = certificate;
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Func<Received, Answer> Handler { get; set; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Every request received, in order.</summary>
    public List<Received> Requests { get; } = [];

    /// <summary>A self-signed certificate for these names, valid for a day.</summary>
    public static X509Certificate2 Certificate(params string[] names)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={names[0]}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var alternative = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            alternative.AddDnsName(name);
        }

        request.CertificateExtensions.Add(alternative.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            Stream stream = client.GetStream();
            if (_certificate is not null)
            {
                var tls = new SslStream(stream);
                await tls.AuthenticateAsServerAsync(_certificate);
                stream = tls;
            }

            var received = await ReadAsync(stream);
            lock (Requests)
            {
                Requests.Add(received);
            }

            await Handler(received).WriteAsync(stream, _stop.Token);
        }
        catch (Exception e) when (e is IOException or SocketException or System.Security.Authentication.AuthenticationException or OperationCanceledException)
        {
            // The client went away, or refused our certificate: that is what some tests are about.
        }
    }

    private static async Task<Received> ReadAsync(Stream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!(head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                throw new IOException("The client closed the connection.");
            }

            head.Add(one[0]);
        }

        var lines = Encoding.Latin1.GetString(head.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var requestLine = lines[0].Split(' ');
        var headers = lines.Skip(1).Select(line => line.Split(':', 2)).Select(pair => new KeyValuePair<string, string>(pair[0], pair[1].Trim())).ToList();
        var length = headers.FirstOrDefault(h => h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Value is { } text ? int.Parse(text) : 0;
        var body = new byte[length];
        await stream.ReadExactlyAsync(body);
        return new Received(requestLine[0], requestLine[1], headers, body);
    }
}

/// <summary>A request as the server read it.</summary>
public sealed record Received(string Method, string Target, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    public string Text => Encoding.UTF8.GetString(Body);
}

/// <summary>What the server answers: a status, headers and body; or, for the tests of limits, a slow or endless one.</summary>
public sealed record Answer(int Status, string Reason, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    /// <summary>Waits this long before answering.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Sends this many bytes of body after the given ones, with no Content-Length (then closes).</summary>
    public long EndlessBytes { get; init; }

    public static Answer Text(int status, string reason, string body, string contentType = "text/plain; charset=utf-8", params (string Name, string Value)[] headers) =>
        new(status, reason, [new("Content-Type", contentType), .. headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value))], Encoding.UTF8.GetBytes(body));

    public async Task WriteAsync(Stream stream, CancellationToken cancellationToken)
    {
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken);
        }

        var head = new StringBuilder($"HTTP/1.1 {Status} {Reason}\r\n");
        foreach (var (name, value) in Headers)
        {
            head.Append($"{name}: {value}\r\n");
        }

        head.Append(EndlessBytes > 0 ? "Connection: close\r\n\r\n" : $"Content-Length: {Body.Length}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.Latin1.GetBytes(head.ToString()), cancellationToken);
        await stream.WriteAsync(Body, cancellationToken);
        var chunk = new byte[64 * 1024];
        for (long sent = 0; sent < EndlessBytes; sent += chunk.Length)
        {
            await stream.WriteAsync(chunk, cancellationToken);
        }

        await stream.FlushAsync(cancellationToken);
    }
}
