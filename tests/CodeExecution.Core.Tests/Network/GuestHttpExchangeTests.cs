using System.Text;
using CodeExecution.Core.Network;
using CodeExecution.Core.Sandbox;

namespace CodeExecution.Core.Tests.Network;

/// <summary>
/// A store's two-step exchange with its network (the calls every runtime's host imports make): the answer is kept
/// until taken, once; whatever goes wrong becomes the guest's error answer, except a stop of the guest itself.
/// </summary>
public sealed class GuestHttpExchangeTests
{
    private static readonly GuestHttpRequest Get = new("GET", "http://example.org/a?b=1", [new("Accept", "*/*")], []);

    private static readonly ExecutionGuard Guard = new(TimeSpan.FromMinutes(1));

    private static string Exchange(GuestHttpExchange exchange, byte[] request)
    {
        var length = exchange.Request(request);
        var answer = exchange.TakeAnswer();
        Assert.Equal(length, answer.Length);
        return Encoding.UTF8.GetString(answer);
    }

    [Fact]
    public void NoNetwork_RefusesEveryRequest_SayingHowToAllowIt()
    {
        var exchange = new GuestHttpExchange(null, Guard);

        Assert.Equal(
            """{"error":"network access is not allowed: the request did not set limits.allowNetwork with network.allow"}""",
            Exchange(exchange, GuestHttpWire.WriteRequest(Get)));
        Assert.Equal(
            """{"error":"network access is not allowed: the request did not set limits.allowNetwork with network.allow"}""",
            Exchange(exchange, "not even JSON"u8.ToArray()));
    }

    [Fact]
    public void Response_ReachesTheGuestOnce_AsTheWireWritesIt()
    {
        var network = new FakeNetwork((_, _) => new GuestHttpResponse(200, "OK", "http://example.org/a?b=1", [new("X-One", "1"), new("X-One", "2")], "hi"u8.ToArray()));
        var exchange = new GuestHttpExchange(network, Guard);

        var answer = Exchange(exchange, GuestHttpWire.WriteRequest(Get with { Method = "POST", Body = [0, 255] }));

        Assert.Equal("""{"status":200,"reason":"OK","url":"http://example.org/a?b=1","headers":[["X-One","1"],["X-One","2"]],"body":"aGk="}""", answer);
        var sent = Assert.Single(network.Sent);
        Assert.Equal(("POST", "http://example.org/a?b=1"), (sent.Method, sent.Url));
        Assert.Equal(["Accept: */*"], sent.Headers.Select(h => $"{h.Key}: {h.Value}"));
        Assert.Equal([0, 255], sent.Body);
        Assert.Empty(exchange.TakeAnswer());
    }

    [Fact]
    public void RefusedRequest_AnswersWithTheNetworksReason()
    {
        var exchange = new GuestHttpExchange(new FakeNetwork((_, _) => throw new GuestNetworkException("example.org is not in network.allow")), Guard);

        Assert.Equal("""{"error":"example.org is not in network.allow"}""", Exchange(exchange, GuestHttpWire.WriteRequest(Get)));
    }

    [Fact]
    public void RequestNotInTheWiresShape_IsRefused_WithoutReachingTheNetwork()
    {
        var network = new FakeNetwork((_, _) => throw new InvalidOperationException("not reached"));
        var exchange = new GuestHttpExchange(network, Guard);

        var answer = Exchange(exchange, """{"url":"http://example.org/"}"""u8.ToArray());

        Assert.StartsWith("""{"error":"The runtime's request could not be read: """, answer);
        Assert.Empty(network.Sent);
    }

    [Fact]
    public void NetworkFailingOtherwise_AnswersThatTheHostFailed_WithoutItsMessage()
    {
        var exchange = new GuestHttpExchange(new FakeNetwork((_, _) => throw new InvalidOperationException("secret host detail")), Guard);

        Assert.Equal("""{"error":"the host could not make the request (InvalidOperationException)"}""", Exchange(exchange, GuestHttpWire.WriteRequest(Get)));
    }

    [Fact]
    public void StopDuringARequest_StopsTheGuest_RatherThanAnswering()
    {
        var guard = new ExecutionGuard(TimeSpan.FromMinutes(1));
        var exchange = new GuestHttpExchange(new FakeNetwork((_, g) =>
        {
            g.RequestStop(StopReason.Timeout);
            g.ThrowIfStopped();
            return null!;
        }), guard);

        var stop = Assert.Throws<SandboxStopException>(() => exchange.Request(GuestHttpWire.WriteRequest(Get)));

        Assert.Equal(StopReason.Timeout, stop.Reason);
        Assert.Empty(exchange.TakeAnswer());
    }
}
