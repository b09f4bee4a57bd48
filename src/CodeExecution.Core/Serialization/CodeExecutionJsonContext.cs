using System.Text.Json.Serialization;
using CodeExecution.Core.Grading;
using CodeExecution.Core.Model;

namespace CodeExecution.Core.Serialization;

/// <summary>Source-generated metadata for the model, so serialization needs no reflection.</summary>
[JsonSerializable(typeof(ExecutionRequest))]
[JsonSerializable(typeof(ExecutionResult))]
[JsonSerializable(typeof(ExecutionStatistics))]
[JsonSerializable(typeof(EnvironmentInfo))]
[JsonSerializable(typeof(EffectiveLimits))]
[JsonSerializable(typeof(IReadOnlyList<EnvironmentInfo>))]
[JsonSerializable(typeof(IReadOnlyList<ExecutionResult>))]
[JsonSerializable(typeof(GradingRequest))]
[JsonSerializable(typeof(GradingResult))]
[JsonSerializable(typeof(List<GradingTest>))]
public sealed partial class CodeExecutionJsonContext : JsonSerializerContext;
