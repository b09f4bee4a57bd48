using System.Text.RegularExpressions;
using CodeExecution.Core.Errors;
using CodeExecution.Core.Model;

namespace CodeExecution.Core.Policy;

/// <summary>Applies <see cref="PatternPolicyOptions"/>: the first rule a program matches refuses it with a <see cref="SecurityError"/>.</summary>
public sealed class PatternPolicy
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);
    private readonly IReadOnlyList<(PatternRule Rule, Regex Regex)> _rules;

    public PatternPolicy(PatternPolicyOptions options)
    {
        _rules = options.Enabled
            ? options.Rules.Select(rule => (rule, new Regex(rule.Pattern, RegexOptions.CultureInvariant | RegexOptions.Multiline, MatchTimeout))).ToList()
            : [];
    }

    public static PatternPolicy Disabled { get; } = new(new PatternPolicyOptions());

    /// <summary>
    /// Throws <see cref="SecurityError"/> when the program matches a rule for its language. Rules for every language
    /// (<c>*</c>) are about source text, so they pass over a <c>wasm</c> module's base64; a rule naming <c>wasm</c> applies.
    /// </summary>
    public void Check(ValidatedRequest request)
    {
        var language = request.Language.ToName();
        foreach (var (rule, regex) in _rules)
        {
            var applies = rule.Language == "*"
                ? request.Language != ExecutionLanguage.Wasm
                : string.Equals(rule.Language, language, StringComparison.OrdinalIgnoreCase);
            if (!applies)
            {
                continue;
            }

            bool matched;
            try
            {
                matched = regex.IsMatch(request.Code);
            }
            catch (RegexMatchTimeoutException)
            {
                matched = true;
            }

            if (matched)
            {
                var reason = rule.Reason.Length > 0 ? rule.Reason : $"matches the blocked pattern {rule.Pattern}";
                var field = request.EntryPath is null ? "code" : "entry";
                throw new SecurityError($"{field}: refused by policy: {reason}.", field, request.Language);
            }
        }
    }
}
