using CodeExecution.Core.Model;

namespace CodeExecution.Core.Validation;

/// <summary>A request that passed validation, with its limits resolved against the defaults.</summary>
public sealed record ValidatedRequest(ExecutionRequest Request, EffectiveLimits Limits)
{
    public ExecutionLanguage Language => Request.Language;
}
