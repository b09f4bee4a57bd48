using System.Globalization;
using CodeExecution.Core.Errors;
using CodeExecution.Functions.Http;
using CodeExecution.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CodeExecution.Functions.Functions;

/// <summary><c>GET /api/stats[?since=yyyy-MM-dd]</c>: totals, successes, failures, mean and p95 time, per language, from the aggregates.</summary>
public sealed class StatisticsFunction(TableExecutionStatistics statistics, HttpProblems problems)
{
    [Function(nameof(Statistics))]
    public Task<IActionResult> Statistics(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "stats")] HttpRequest request) =>
        problems.RunAsync(request, async cancellationToken =>
        {
            var since = ParseSince(request.Query["since"]);
            var report = await statistics.GetAsync(since, cancellationToken);
            return ApiResponse.Json(StatusCodes.Status200OK, report);
        });

    /// <summary>A day (<c>2025-01-31</c>) or an ISO 8601 time (counted from its UTC day: aggregates are per day).</summary>
    private static DateOnly? ParseSince(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return DateOnly.FromDateTime(time.UtcDateTime);
        }

        throw new InvalidRequestError($"since: must be a date (yyyy-MM-dd) or an ISO 8601 time; it was '{value}'.", "since");
    }
}
