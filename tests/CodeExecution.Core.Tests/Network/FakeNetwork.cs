using CodeExecution.Core.Network;
using CodeExecution.Core.Sandbox;

namespace CodeExecution.Core.Tests.Network;

/// <summary>
/// A network for tests, standing in for the real one's rules and connections: it keeps every request it is given
/// and answers as <paramref name="send"/> says (a response, or an exception such as <see cref="GuestNetworkException"/>).
/// </summary>
public sealed class FakeNetwork(Func<GuestHttpRequest, ExecutionGuard, GuestHttpResponse> send) : IGuestNetwork
{
    private readonly List<GuestHttpRequest> _requests = [];

    /// <summary>The requests given so far, in order.</summary>
    public IReadOnlyList<GuestHttpRequest> Sent => _requests;

    /// <summary>The real network's record of each request; this one keeps <see cref="Sent"/> instead.</summary>
    IReadOnlyList<Model.NetworkRequestRecord> IGuestNetwork.Requests => [];

    /// <summary>A network answering from <paramref name="answers"/> by absolute URL, refusing any other URL as the rules would.</summary>
    public static FakeNetwork Answering(IReadOnlyDictionary<string, GuestHttpResponse> answers) =>
        new((request, _) => answers.TryGetValue(request.Url, out var answer)
            ? answer with { Url = request.Url }
            : throw new GuestNetworkException($"{request.Url} is not among the test's answers"));

    public GuestHttpResponse Send(GuestHttpRequest request, ExecutionGuard guard)
    {
        _requests.Add(request);
        return send(request, guard);
    }
}
