using System.Globalization;
using CodeExecution.Core.Model;
using CodeExecution.Core.Statistics;
using Microsoft.ApplicationInsights;

namespace CodeExecution.Functions.Telemetry;

/// <summary>
/// One Application Insights custom event per execution (<see cref="EventName"/>), with the language, outcome and
/// limit flags as dimensions and the duration, memory and sizes as measurements. Never the code or the output.
/// </summary>
/// <remarks><see cref="TelemetryClient.TrackEvent(string, IDictionary{string, string}, IDictionary{string, double})"/> only queues the item, so recording never blocks an execution.</remarks>
public sealed class ApplicationInsightsExecutionRecorder(TelemetryClient telemetry) : IExecutionRecorder
{
    public const string EventName = "CodeExecution";

    public void Record(ExecutionRecord record)
    {
        var properties = new Dictionary<string, string>
        {
            ["executionId"] = record.ExecutionId,
            ["language"] = record.Language.ToName(),
            ["outcome"] = record.Outcome,
            ["success"] = Flag(record.Success),
            ["exitCode"] = record.ExitCode.ToString(CultureInfo.InvariantCulture),
            ["timeoutHit"] = Flag(record.TimeoutHit),
            ["memoryLimitHit"] = Flag(record.MemoryLimitHit),
            ["outputTruncated"] = Flag(record.OutputTruncated),
        };
        if (record.ErrorCode is not null)
        {
            properties["errorCode"] = record.ErrorCode;
        }

        var metrics = new Dictionary<string, double>
        {
            ["durationMs"] = record.DurationMs,
            ["codeBytes"] = record.CodeBytes,
            ["inputBytes"] = record.InputBytes,
            ["outputBytes"] = record.OutputBytes,
        };
        if (record.MemoryUsed is { } memory)
        {
            metrics["memoryUsedBytes"] = memory;
        }

        telemetry.TrackEvent(EventName, properties, metrics);
    }

    private static string Flag(bool value) => value ? "true" : "false";
}
