using System.Collections.Concurrent;
using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.DataContracts;

namespace CodeExecution.Infrastructure.Tests;

/// <summary>The telemetry sink for tests: keeps what the real client pipeline sends instead of uploading it.</summary>
public sealed class CapturingTelemetryChannel : ITelemetryChannel
{
    private readonly ConcurrentQueue<ITelemetry> _items = new();

    public bool? DeveloperMode { get; set; }

    public string EndpointAddress { get; set; } = "http://localhost/";

    public IReadOnlyList<EventTelemetry> Events(string name) => _items.OfType<EventTelemetry>().Where(e => e.Name == name).ToList();

    public void Send(ITelemetry item) => _items.Enqueue(item);

    public void Flush()
    {
    }

    public void Dispose()
    {
    }
}
