using System.Net;

namespace CodeExecution.Testing;

/// <summary>
/// A real HTTP server on a free loopback port for tests that need a peer (a callback receiver, a stand-in API);
/// every request goes to <see cref="HandleAsync"/>, one at a time.
/// </summary>
public abstract class LoopbackHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Task _loop;

    protected LoopbackHttpServer()
    {
        (_listener, Port) = StartOnFreePort();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    /// <summary><c>http://127.0.0.1:PORT</c>, without a trailing slash.</summary>
    public string Origin => $"http://127.0.0.1:{Port}";

    /// <summary>Answers one request; the response is closed afterwards.</summary>
    protected abstract Task HandleAsync(HttpListenerContext context);

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
        }

        GC.SuppressFinalize(this);
    }

    private static (HttpListener Listener, int Port) StartOnFreePort()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = Random.Shared.Next(20_000, 60_000);
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return (listener, port);
            }
            catch (HttpListenerException) when (attempt < 20)
            {
                listener.Close();
            }
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            var context = await _listener.GetContextAsync();
            await HandleAsync(context);
            context.Response.Close();
        }
    }
}
