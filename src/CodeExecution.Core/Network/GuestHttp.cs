using CodeExecution.Core.Sandbox;

namespace CodeExecution.Core.Network;

/// <summary>One HTTP request a guest asks the host to make for it: no redirect is followed, each hop is a request.</summary>
public sealed record GuestHttpRequest(string Method, string Url, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body);

/// <summary>The answer the host got: status, reason, the URL asked, headers in the order received, and the whole body.</summary>
public sealed record GuestHttpResponse(int Status, string Reason, string Url, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body);

/// <summary>A request the host refused or could not complete; the message says why, for the guest's error.</summary>
public sealed class GuestNetworkException(string message) : Exception(message);

/// <summary>
/// The network a run was given (<c>limits.allowNetwork</c> with <c>network.allow</c>): HTTP(S) requests made by the
/// host on the guest's behalf, within the request's rules, counted and listed in the result.
/// </summary>
public interface IGuestNetwork
{
    /// <summary>Makes the request, blocking the guest, within the run's deadline (<paramref name="guard"/>).</summary>
    /// <exception cref="GuestNetworkException">The request was refused by the rules or failed; nothing else is thrown.</exception>
    GuestHttpResponse Send(GuestHttpRequest request, ExecutionGuard guard);

    /// <summary>Every request asked for so far, refused ones included, in order: the result's <c>network</c>.</summary>
    IReadOnlyList<Model.NetworkRequestRecord> Requests { get; }
}
