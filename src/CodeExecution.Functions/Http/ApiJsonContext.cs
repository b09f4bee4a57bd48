using System.Text.Json.Serialization;
using CodeExecution.Storage;

namespace CodeExecution.Functions.Http;

/// <summary>Source-generated metadata for the HTTP-only response shapes.</summary>
[JsonSerializable(typeof(BatchResponse))]
[JsonSerializable(typeof(LanguagesResponse))]
[JsonSerializable(typeof(HealthReport))]
[JsonSerializable(typeof(StatisticsReport))]
[JsonSerializable(typeof(JobAccepted))]
[JsonSerializable(typeof(JobView))]
[JsonSerializable(typeof(JobCallbackBody))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
