using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Authentication;
using CodeExecution.Core.Model;
using CodeExecution.Core.Sandbox;
using CodeExecution.Core.Validation;

namespace CodeExecution.Core.Network;

/// <summary>
/// One run's network (<see cref="IGuestNetwork"/>): each request the program asks for is checked against the
/// request's rules and limits, made by <see cref="HostNetwork"/> within the run's deadline, and listed for the result.
/// </summary>
public sealed class GuestNetworkSession(HostNetwork host, NetworkRules rules, EffectiveLimits limits) : IGuestNetwork
{
    private const int CopyBufferBytes = 64 * 1024;

    private readonly List<NetworkRequestRecord> _requests = [];
    private long _bytesReceived;

    /// <summary>Every request asked for so far, refused ones included, in order.</summary>
    public IReadOnlyList<NetworkRequestRecord> Requests => _requests;

    public GuestHttpResponse Send(GuestHttpRequest request, ExecutionGuard guard)
    {
        var started = Stopwatch.GetTimestamp();
        var method = request.Method.ToUpperInvariant();
        var hostName = Uri.TryCreate(request.Url, UriKind.Absolute, out var parsed) ? parsed.IdnHost.ToLowerInvariant() : "";
        int? status = null;
        long bytes = 0;
        try
        {
            var (uri, entry) = Check(request, method);
            using var message = Message(request, method, uri, entry);
            using var time = CancellationTokenSource.CreateLinkedTokenSource(guard.Cancellation);
            var remaining = guard.Remaining < host.Options.RequestTimeout ? guard.Remaining : host.Options.RequestTimeout;
            if (remaining <= TimeSpan.Zero)
            {
                throw new GuestNetworkException("the run's time limit is reached; no request can be made.");
            }

            time.CancelAfter(remaining);
            try
            {
                using var response = host.SendAsync(message, time.Token).GetAwaiter().GetResult();
                status = (int)response.StatusCode;
                var body = ReadBody(response, time.Token, ref bytes);
                var headers = response.Headers.Concat(response.Content.Headers)
                    .SelectMany(header => header.Value.Select(value => new KeyValuePair<string, string>(header.Key, value)))
                    .ToList();
                Record(method, hostName, status, bytes, started, null);
                return new GuestHttpResponse(status.Value, response.ReasonPhrase ?? "", uri.AbsoluteUri, headers, body);
            }
            catch (OperationCanceledException) when (time.IsCancellationRequested)
            {
                var why = $"{hostName} did not answer within the {(int)remaining.TotalMilliseconds} ms the run had left; the request was stopped.";
                if (guard.Remaining > TimeSpan.Zero && !guard.Cancellation.IsCancellationRequested)
                {
                    throw new GuestNetworkException(why);
                }

                // The run's own time is up (or the caller cancelled it): the program stops here, as at any deadline.
                Record(method, hostName, status, bytes, started, why);
                guard.ThrowIfStopped();
                throw new SandboxStopException(StopReason.Timeout);
            }
            catch (HttpRequestException e)
            {
                throw new GuestNetworkException(Describe(hostName, e));
            }
        }
        catch (GuestNetworkException e)
        {
            Record(method, hostName, status, bytes, started, e.Message);
            throw;
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException or FormatException)
        {
            var reason = $"the request to {hostName} failed: {e.Message}";
            Record(method, hostName, status, bytes, started, reason);
            throw new GuestNetworkException(reason);
        }
    }

    /// <summary>The URL to request and the allow-list entry that lets it in; refused otherwise, saying by which rule.</summary>
    private (Uri Uri, string Entry) Check(GuestHttpRequest request, string method)
    {
        if (_requests.Count >= limits.MaxNetworkRequests)
        {
            throw new GuestNetworkException($"limits.maxNetworkRequests of {limits.MaxNetworkRequests} is reached; no more requests can be made.");
        }

        if (request.Body.Length > limits.MaxNetworkBytes)
        {
            throw new GuestNetworkException($"the request's body ({request.Body.Length} bytes) is larger than limits.maxNetworkBytes ({limits.MaxNetworkBytes}); it was not sent.");
        }

        if (_bytesReceived >= limits.MaxNetworkBytes)
        {
            throw new GuestNetworkException($"limits.maxNetworkBytes of {limits.MaxNetworkBytes} bytes is used up; no more responses can be received.");
        }

        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new GuestNetworkException($"'{request.Url}' is not an http or https URL; programs reach the network by HTTP only.");
        }

        if (uri.UserInfo.Length > 0)
        {
            throw new GuestNetworkException("URLs with credentials (user:password@) are not sent; use a header.");
        }

        var hostName = uri.IdnHost.ToLowerInvariant();
        var entry = rules.EntryFor(hostName)
            ?? throw new GuestNetworkException($"{hostName} is not in network.allow ({string.Join(", ", rules.Allow)}); the request was refused.");
        if (!rules.Methods.Contains(method))
        {
            throw new GuestNetworkException($"{method} is not in network.methods ({string.Join(", ", rules.Methods.Order())}); the request was refused.");
        }

        return (uri, entry);
    }

    private HttpRequestMessage Message(GuestHttpRequest request, string method, Uri uri, string entry)
    {
        var message = new HttpRequestMessage(new HttpMethod(method), uri) { Version = new Version(1, 1), VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        var content = request.Body.Length > 0 || method is "POST" or "PUT" or "PATCH" ? new ByteArrayContent(request.Body) : null;
        var secret = rules.HeadersFor(entry);
        var replaced = new HashSet<string>(secret.Select(header => header.Key), StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in request.Headers.Where(header => !replaced.Contains(header.Key)).Concat(secret))
        {
            if (NetworkValidator.HostOwnedHeaders.Contains(name))
            {
                continue;
            }

            if (!message.Headers.TryAddWithoutValidation(name, value) && !(content?.Headers.TryAddWithoutValidation(name, value) ?? false))
            {
                throw new GuestNetworkException($"the header '{name}' cannot be sent.");
            }
        }

        message.Content = content;
        return message;
    }

    /// <summary>The whole body, within what is left of <c>limits.maxNetworkBytes</c>; past it the request fails.</summary>
    private byte[] ReadBody(HttpResponseMessage response, CancellationToken cancellationToken, ref long bytes)
    {
        var allowed = limits.MaxNetworkBytes - _bytesReceived;
        if (response.Content.Headers.ContentLength is { } length && length > allowed)
        {
            throw new GuestNetworkException(TooLarge(allowed));
        }

        using var stream = response.Content.ReadAsStream(cancellationToken);
        using var body = new MemoryStream();
        var buffer = new byte[CopyBufferBytes];
        int read;
        while ((read = stream.ReadAsync(buffer, cancellationToken).AsTask().GetAwaiter().GetResult()) > 0)
        {
            bytes += read;
            _bytesReceived += read;
            if (bytes > allowed)
            {
                throw new GuestNetworkException(TooLarge(allowed));
            }

            body.Write(buffer, 0, read);
        }

        return body.ToArray();
    }

    private string TooLarge(long allowed) =>
        $"the response is larger than the {allowed} bytes left of limits.maxNetworkBytes ({limits.MaxNetworkBytes}); it was cut off and not given to the program.";

    private static string Describe(string hostName, HttpRequestException e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case PrivateAddressException refused:
                    return refused.Message;
                case AuthenticationException:
                    return $"the TLS connection to {hostName} failed: its certificate is not trusted or does not name it.";
            }
        }

        return $"the request to {hostName} failed: {e.Message}";
    }

    private void Record(string method, string hostName, int? status, long bytes, long started, string? error) =>
        _requests.Add(new NetworkRequestRecord(method, hostName, bytes, Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3), status, error));
}
