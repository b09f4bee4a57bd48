using System.Globalization;
using Microsoft.ApplicationInsights;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CodeExecution.Functions.Telemetry;

/// <summary>
/// Turns the runtimes' cold-start log events into telemetry of their own: one <see cref="PhaseEventName"/> event per
/// phase (download, verify, deserialize, compile, upload) and one <see cref="LoadedEventName"/> per runtime, each with
/// the runtime (and source) as dimensions and <c>durationMs</c> as a measurement.
/// </summary>
/// <remarks>
/// The core library stays free of telemetry packages: its structured log events (<c>{Runtime}</c>, <c>{Phase}</c>,
/// <c>{Source}</c>, <c>{DurationMs}</c>) are the contract, read here from the logger state rather than from text.
/// The client is resolved on first use, because logger providers are built before the rest of the container.
/// </remarks>
public sealed class ColdStartTelemetryLoggerProvider(IServiceProvider services) : ILoggerProvider
{
    public const string PhaseEventName = "RuntimeColdStartPhase";
    public const string LoadedEventName = "RuntimeLoaded";

    private readonly Lazy<TelemetryClient> _telemetry = new(services.GetRequiredService<TelemetryClient>);

    public ILogger CreateLogger(string categoryName) =>
        categoryName.StartsWith("CodeExecution.Core.", StringComparison.Ordinal) ? new ColdStartLogger(this) : NullLogger;

    public void Dispose()
    {
    }

    private static readonly ILogger NullLogger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    private void Track(IReadOnlyList<KeyValuePair<string, object?>> state)
    {
        string? runtime = null, phase = null, source = null;
        double? duration = null;
        foreach (var (key, value) in state)
        {
            switch (key)
            {
                case "Runtime": runtime = value?.ToString(); break;
                case "Phase": phase = value?.ToString(); break;
                case "Source": source = value?.ToString(); break;
                case "DurationMs": duration = Convert.ToDouble(value, CultureInfo.InvariantCulture); break;
            }
        }

        if (runtime is null || duration is null || (phase is null && source is null))
        {
            return;
        }

        var properties = new Dictionary<string, string> { ["runtime"] = runtime };
        if (phase is not null)
        {
            properties["phase"] = phase;
        }
        else
        {
            properties["source"] = source!;
        }

        _telemetry.Value.TrackEvent(phase is not null ? PhaseEventName : LoadedEventName, properties, new Dictionary<string, double> { ["durationMs"] = duration.Value });
    }

    private sealed class ColdStartLogger(ColdStartTelemetryLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel == LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Information && state is IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                provider.Track(values);
            }
        }
    }
}
