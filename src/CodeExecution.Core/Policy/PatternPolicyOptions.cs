namespace CodeExecution.Core.Policy;

/// <summary>
/// The seed's pattern blocking, as an optional policy: off by default, rules from configuration. It is not
/// the security boundary (the sandbox is); it lets an operator refuse code they do not want to run at all.
/// </summary>
public sealed record PatternPolicyOptions
{
    public bool Enabled { get; init; }

    public IReadOnlyList<PatternRule> Rules { get; init; } = [];
}
