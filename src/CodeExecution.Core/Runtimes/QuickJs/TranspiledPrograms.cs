using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace CodeExecution.Core.Runtimes.QuickJs;

/// <summary>
/// TypeScript programs as sucrase transpiled them in the guest, by a hash of their text, so that a program run again
/// (a grading's tests, a playground's reruns) is transpiled once. Sucrase's output depends only on the text, so a run
/// that takes it from here runs the same JavaScript it would have made itself.
/// </summary>
/// <remarks>
/// Bounded by <see cref="MaxChars"/> of JavaScript held: past it, everything is dropped and the cache fills again
/// (simpler than least-recently-used, and programs repeat in bursts). Not used where instructions are counted: a
/// transpilation skipped would change the count of the same program.
/// </remarks>
internal sealed class TranspiledPrograms
{
    /// <summary>Characters of JavaScript held at most (about 32 MB): three hundred programs of the largest size allowed.</summary>
    public const long MaxChars = 16L * 1024 * 1024;

    private readonly ConcurrentDictionary<string, string> _byHash = new(StringComparer.Ordinal);
    private long _chars;

    public int Count => _byHash.Count;

    public bool TryGet(string typeScript, out string javaScript) =>
        _byHash.TryGetValue(Key(typeScript), out javaScript!);

    public void Add(string typeScript, string javaScript)
    {
        if (javaScript.Length > MaxChars)
        {
            return;
        }

        if (Interlocked.Add(ref _chars, javaScript.Length) > MaxChars)
        {
            _byHash.Clear();
            Interlocked.Exchange(ref _chars, javaScript.Length);
        }

        _byHash[Key(typeScript)] = javaScript;
    }

    private static string Key(string typeScript) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(typeScript)));
}
