using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using CodeExecution.Core.Errors;
using CodeExecution.Core.Model;
using CodeExecution.Core.Network;

namespace CodeExecution.Core.Validation;

/// <summary>
/// Checks a request's <c>network</c> against its <c>limits.allowNetwork</c>: network only with an allow-list, an
/// allow-list of host names and <c>*.</c> patterns only, known methods, and secret headers for allowed entries only.
/// </summary>
public static partial class NetworkValidator
{
    public const int MaxAllowEntries = 100;
    public const int MaxHeadersPerHost = 20;
    public const int MaxHeaderValueLength = 8192;

    /// <summary>Headers the host writes itself from the request's URL and body; a program's are ignored, a request's secret ones refused.</summary>
    public static readonly IReadOnlySet<string> HostOwnedHeaders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "host", "content-length", "transfer-encoding", "connection", "keep-alive", "upgrade", "te", "trailer",
        "proxy-authorization", "proxy-connection", "expect",
    };

    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true };

    /// <summary>The request's rules, or null for a run without network.</summary>
    /// <exception cref="CodeExecutionError">The network fields are inconsistent or malformed; the error names the field.</exception>
    public static NetworkRules? Validate(NetworkAccess? network, EffectiveLimits limits, ExecutionLanguage language)
    {
        if (!limits.AllowNetwork)
        {
            return network is null
                ? null
                : throw new InvalidRequestError("network: applies only with limits.allowNetwork set to true.", "network", language);
        }

        if (network?.Allow is not { Count: > 0 } allow)
        {
            throw new InvalidRequestError(
                "network.allow: limits.allowNetwork needs the hosts the program may reach, e.g. [\"api.example.com\", \"*.example.org\"]; it was empty.",
                "network.allow", language);
        }

        if (allow.Count > MaxAllowEntries)
        {
            throw new InvalidRequestError($"network.allow: has {allow.Count} entries; at most {MaxAllowEntries} are allowed.", "network.allow", language);
        }

        var entries = allow.Select((entry, i) => Entry(entry, $"network.allow[{i}]", language)).Distinct().ToList();
        return new NetworkRules(entries, Methods(network.Methods, language), Headers(network.Headers, entries, language));
    }

    private static string Entry(string? entry, string field, ExecutionLanguage language)
    {
        var text = entry?.Trim() ?? throw new InvalidRequestError($"{field}: must be a host name, not null.", field, language);
        var wildcard = text.StartsWith("*.", StringComparison.Ordinal);
        var name = wildcard ? text[2..] : text;
        string ascii;
        try
        {
            ascii = Idn.GetAscii(name.TrimEnd('.')).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            ascii = "";
        }

        var literal = IPAddress.TryParse(ascii, out var address) && address.AddressFamily == AddressFamily.InterNetwork;
        if (ascii.Length is 0 or > 253 || !(HostName().IsMatch(ascii) || (literal && !wildcard)) || (wildcard && !ascii.Contains('.')))
        {
            throw new InvalidRequestError(
                $"{field}: '{Shown(text)}' is not a host name; give a name such as api.example.com, or *.example.com for the names under it (no scheme, port, path or bare *).",
                field, language);
        }

        return wildcard ? $"*.{ascii}" : ascii;
    }

    private static HashSet<string> Methods(IReadOnlyList<string>? methods, ExecutionLanguage language)
    {
        if (methods is null)
        {
            return [.. NetworkRules.KnownMethods];
        }

        if (methods.Count == 0)
        {
            throw new InvalidRequestError("network.methods: is empty; leave it out to allow every method, or name them.", "network.methods", language);
        }

        var allowed = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < methods.Count; i++)
        {
            var method = methods[i]?.ToUpperInvariant();
            if (method is null || !NetworkRules.KnownMethods.Contains(method))
            {
                throw new InvalidRequestError(
                    $"network.methods[{i}]: '{Shown(methods[i] ?? "null")}' is not one of {string.Join(", ", NetworkRules.KnownMethods)}.",
                    $"network.methods[{i}]", language);
            }

            allowed.Add(method);
        }

        return allowed;
    }

    private static Dictionary<string, IReadOnlyList<KeyValuePair<string, string>>> Headers(
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? headers, IReadOnlyList<string> entries, ExecutionLanguage language)
    {
        var byEntry = new Dictionary<string, IReadOnlyList<KeyValuePair<string, string>>>(StringComparer.Ordinal);
        foreach (var (host, added) in headers ?? new Dictionary<string, IReadOnlyDictionary<string, string>>())
        {
            var field = $"network.headers.{host}";
            string entry;
            try
            {
                entry = Entry(host, field, language);
            }
            catch (InvalidRequestError)
            {
                entry = "";
            }

            if (!entries.Contains(entry))
            {
                throw new InvalidRequestError($"{field}: names no entry of network.allow; secret headers go to allowed hosts only.", field, language);
            }

            if (added is null || added.Count > MaxHeadersPerHost)
            {
                throw new InvalidRequestError($"{field}: must be an object of 1 to {MaxHeadersPerHost} headers.", field, language);
            }

            foreach (var (name, value) in added)
            {
                if (!Token().IsMatch(name) || HostOwnedHeaders.Contains(name))
                {
                    throw new InvalidRequestError($"{field}: '{Shown(name)}' is not a header the host can add (a token, and not one it writes itself such as Host or Content-Length).", field, language);
                }

                if (value is null || value.Length > MaxHeaderValueLength || value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
                {
                    throw new InvalidRequestError($"{field}.{name}: must be text of at most {MaxHeaderValueLength} characters without line breaks.", $"{field}.{name}", language);
                }
            }

            byEntry[entry] = [.. added];
        }

        return byEntry;
    }

    private static string Shown(string text) => text.Length > 80 ? text[..80] + "…" : text;

    [GeneratedRegex("^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$")]
    private static partial Regex HostName();

    [GeneratedRegex("^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$")]
    private static partial Regex Token();
}
