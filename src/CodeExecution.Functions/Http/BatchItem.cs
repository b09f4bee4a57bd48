using CodeExecution.Core.Model;

namespace CodeExecution.Functions.Http;

/// <summary>One slot of a batch: the request to run, or the result that rejects it (it failed validation).</summary>
public sealed record BatchItem(ExecutionRequest? Request, ExecutionResult? Rejected);
