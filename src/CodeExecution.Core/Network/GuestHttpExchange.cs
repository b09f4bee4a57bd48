using CodeExecution.Core.Sandbox;
using Wasmtime;

namespace CodeExecution.Core.Network;

/// <summary>
/// A store's requests through its <see cref="IGuestNetwork"/>, as a runtime's two host calls make them: the first
/// (<see cref="Request"/>) sends the request the guest wrote and keeps the answer, returning its length so the guest
/// can make room for it; the second (<see cref="TakeAnswer"/>) hands it over and forgets it. The answer is
/// <see cref="GuestHttpWire"/>'s: the response, or <c>{"error": why}</c> for a request that was refused or failed.
/// </summary>
/// <remarks>
/// Single-threaded, like the store it belongs to (<see cref="SandboxSession.Network"/>). Whatever goes wrong with a
/// request is the guest's error to see, never a trap that would end the program; only what stops the guest itself
/// passes through: Wasmtime's exceptions (a nested trap) and <see cref="SandboxStopException"/> (the deadline or a
/// stop reached during the request).
/// </remarks>
public sealed class GuestHttpExchange(IGuestNetwork? network, ExecutionGuard guard)
{
    /// <summary>What a guest given no network is told, for every request.</summary>
    public const string NotAllowed = "network access is not allowed: the request did not set limits.allowNetwork with network.allow";

    private byte[]? _answer;

    /// <summary>Makes the request written in <paramref name="request"/> (the wire's JSON) and keeps the answer.</summary>
    /// <returns>The answer's length in bytes.</returns>
    public int Request(ReadOnlySpan<byte> request)
    {
        _answer = Answer(request);
        return _answer.Length;
    }

    /// <summary>The answer <see cref="Request"/> kept, given once; an empty one when there is none.</summary>
    public byte[] TakeAnswer()
    {
        var answer = _answer ?? [];
        _answer = null;
        return answer;
    }

    /// <summary>
    /// One request through a store's network, as every runtime makes it: refused when there is none, before the
    /// guest's request is even read (<paramref name="read"/>); any failure but a stop is a
    /// <see cref="GuestNetworkException"/> whose message the guest may see.
    /// </summary>
    /// <exception cref="GuestNetworkException">The request was refused or failed; the message says why.</exception>
    public static GuestHttpResponse Send(IGuestNetwork? network, Func<GuestHttpRequest> read, ExecutionGuard guard)
    {
        if (network is null)
        {
            throw new GuestNetworkException(NotAllowed);
        }

        try
        {
            return network.Send(read(), guard);
        }
        catch (Exception e) when (e is not (GuestNetworkException or WasmtimeException or SandboxStopException))
        {
            // A failing network that broke its promise to throw only GuestNetworkException: its message may hold
            // the host's details, so the guest learns only that the host failed.
            throw new GuestNetworkException($"the host could not make the request ({e.GetType().Name})");
        }
    }

    private byte[] Answer(ReadOnlySpan<byte> request)
    {
        var wire = request.ToArray();
        try
        {
            return GuestHttpWire.WriteResponse(Send(network, () => GuestHttpWire.ReadRequest(wire), guard));
        }
        catch (GuestNetworkException e)
        {
            return GuestHttpWire.WriteError(e.Message);
        }
    }
}
