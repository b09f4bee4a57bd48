using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CodeExecution.Functions.Benchmarks;

/// <summary>Keeps the cold-start lines of ModuleLoader and CodeExecutor.</summary>
public sealed class PhaseLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => _lines.ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(_lines);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            if (message.Contains("cold start", StringComparison.Ordinal) || message.StartsWith("Runtime ", StringComparison.Ordinal) || logLevel >= LogLevel.Warning)
            {
                lines.Enqueue(message);
            }
        }
    }
}
