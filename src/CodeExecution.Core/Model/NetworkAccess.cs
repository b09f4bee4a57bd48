namespace CodeExecution.Core.Model;

/// <summary>
/// What a program with <see cref="ExecutionLimits.AllowNetwork"/> may reach: HTTP(S) requests, made by the host on its
/// behalf, to the hosts in <see cref="Allow"/> with the methods in <see cref="Methods"/>; nothing else.
/// </summary>
public sealed record NetworkAccess
{
    /// <summary>Host names (<c>api.example.com</c>), or <c>*.</c> and a domain for any name under it (<c>*.githubusercontent.com</c>); 1 to 100.</summary>
    public IReadOnlyList<string>? Allow { get; init; }

    /// <summary>The HTTP methods allowed (GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS); all of them when left out.</summary>
    public IReadOnlyList<string>? Methods { get; init; }

    /// <summary>
    /// Headers the host adds to every request to a host (a key: one of <see cref="Allow"/>'s entries), replacing the
    /// program's own of the same name: an API key the program never sees.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? Headers { get; init; }
}

/// <summary>One HTTP request a program asked for: what was asked, and how it ended.</summary>
/// <param name="Method">The request's method, in capitals.</param>
/// <param name="Host">The URL's host, lowercase (IDN names in punycode).</param>
/// <param name="Status">The answer's status; null when there was none (refused, failed, cut off).</param>
/// <param name="Bytes">Bytes of the answer's body received.</param>
/// <param name="Ms">Milliseconds from asking to the end of the body (or the failure).</param>
/// <param name="Error">Why the request was refused or failed; null when it was answered.</param>
public sealed record NetworkRequestRecord(string Method, string Host, long Bytes, double Ms, int? Status = null, string? Error = null);
