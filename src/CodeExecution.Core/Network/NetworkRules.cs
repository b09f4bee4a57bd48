namespace CodeExecution.Core.Network;

/// <summary>
/// A request's network rules, checked (<see cref="Validation.NetworkValidator"/>): the host names and patterns it
/// allows, its methods, and the headers the host adds per allowed entry.
/// </summary>
public sealed class NetworkRules(IReadOnlyList<string> allow, IReadOnlySet<string> methods, IReadOnlyDictionary<string, IReadOnlyList<KeyValuePair<string, string>>> headers)
{
    /// <summary>Every method a request may allow, in the order error messages list them.</summary>
    public static readonly IReadOnlyList<string> KnownMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

    /// <summary>The allowed entries, lowercase ASCII (IDN names in their punycode form).</summary>
    public IReadOnlyList<string> Allow { get; } = allow;

    public IReadOnlySet<string> Methods { get; } = methods;

    /// <summary>The entry of <see cref="Allow"/> that lets <paramref name="host"/> (lowercase ASCII) in, or null.</summary>
    public string? EntryFor(string host)
    {
        foreach (var entry in Allow)
        {
            if (entry.StartsWith("*.", StringComparison.Ordinal)
                ? host.Length > entry.Length - 1 && host.EndsWith(entry[1..], StringComparison.Ordinal)
                : host == entry)
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>The headers the host adds for requests let in by <paramref name="entry"/>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> HeadersFor(string entry) =>
        headers.TryGetValue(entry, out var added) ? added : [];
}
