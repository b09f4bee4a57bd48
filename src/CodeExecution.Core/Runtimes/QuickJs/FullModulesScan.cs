using System.Text.RegularExpressions;

namespace CodeExecution.Core.Runtimes.QuickJs;

/// <summary>
/// Whether a program's text names one of the core modules or globals of node-modules-full.js (fetch among them; all but events, path
/// and buffer) or Intl, so it should run
/// in the image that has them ready. A word anywhere counts (a false match costs only the larger image's start);
/// a program that reaches them without naming them gets them from the host on first use.
/// </summary>
internal static partial class FullModulesScan
{
    public static bool Names(string source) => FullModuleWord().IsMatch(source);

    [GeneratedRegex(@"\b(?:assert|url|URL|URLSearchParams|fetch|Headers|Request|Response|querystring|string_decoder|StringDecoder|stream|crypto|os|util|TextEncoder|TextDecoder|structuredClone|AbortController|AbortSignal|EventTarget|Event|Intl|toLocaleString|toLocaleDateString|toLocaleTimeString|localeCompare)\b|\bMath\.(?:acos|acosh|asin|asinh|atan|atan2|atanh|cbrt|cos|cosh|exp|expm1|log|log10|log1p|log2|pow|sin|sinh|tan|tanh)\b", RegexOptions.CultureInvariant)]
    private static partial Regex FullModuleWord();
}
