using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CodeExecution.Functions.Jobs;

/// <summary>
/// The completion callback's signature header: <c>X-CodeExecution-Signature: t=UNIX_SECONDS,v1=HEX</c>, where HEX is
/// the lowercase hex HMAC-SHA256, keyed with the UTF-8 bytes of <c>Jobs__CallbackSigningKey</c>, of
/// <c>UNIX_SECONDS + "." + body</c> (the raw request body bytes).
/// </summary>
public static class CallbackSignature
{
    public const string Header = "X-CodeExecution-Signature";
    public const string JobHeader = "X-CodeExecution-Job";

    public static string Create(string key, long timestamp, ReadOnlySpan<byte> body) =>
        $"t={timestamp.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(Compute(key, timestamp, body))}";

    /// <summary>What a receiver does: recompute, compare in constant time, and refuse old timestamps.</summary>
    public static bool Verify(string key, string? header, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        long? timestamp = null;
        byte[]? signature = null;
        foreach (var part in (header ?? "").Split(','))
        {
            var pair = part.Trim().Split('=', 2);
            if (pair.Length != 2)
            {
                continue;
            }

            if (pair[0] == "t" && long.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                timestamp = t;
            }
            else if (pair[0] == "v1" && pair[1].Length == 64)
            {
                try
                {
                    signature = Convert.FromHexString(pair[1]);
                }
                catch (FormatException)
                {
                    return false;
                }
            }
        }

        return timestamp is { } ts
            && signature is not null
            && Math.Abs(now.ToUnixTimeSeconds() - ts) <= tolerance.TotalSeconds
            && CryptographicOperations.FixedTimeEquals(signature, Compute(key, ts, body));
    }

    private static byte[] Compute(string key, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), message);
    }
}
