using System.Globalization;
using Azure.Data.Tables;
using CodeExecution.Core.Model;
using CodeExecution.Core.Statistics;

namespace CodeExecution.Storage;

/// <summary>How an <see cref="ExecutionRecord"/> is stored: partition = UTC day (<c>yyyyMMdd</c>), row = execution id.</summary>
public static class ExecutionRecordEntity
{
    public static string Day(DateTimeOffset timestamp) => timestamp.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static TableEntity From(ExecutionRecord record)
    {
        var entity = new TableEntity(Day(record.Timestamp), record.ExecutionId)
        {
            ["Language"] = record.Language.ToName(),
            ["Outcome"] = record.Outcome,
            ["Success"] = record.Success,
            ["ExitCode"] = record.ExitCode,
            ["DurationMs"] = record.DurationMs,
            ["TimeoutHit"] = record.TimeoutHit,
            ["MemoryLimitHit"] = record.MemoryLimitHit,
            ["OutputTruncated"] = record.OutputTruncated,
            ["CodeBytes"] = record.CodeBytes,
            ["InputBytes"] = record.InputBytes,
            ["OutputBytes"] = record.OutputBytes,
            ["StartedAt"] = record.Timestamp.ToUniversalTime(),
        };
        if (record.MemoryUsed is { } memory)
        {
            entity["MemoryUsed"] = memory;
        }

        if (record.ErrorCode is { } errorCode)
        {
            entity["ErrorCode"] = errorCode;
        }

        return entity;
    }
}
