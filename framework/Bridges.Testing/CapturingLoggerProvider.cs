using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Bridges.Testing;

/// <summary>
/// Keeps every log entry of a run at every level, to check what reached the logs (a secret must not) or what a
/// connection wrote. Pass it to <see cref="BridgeTestHost"/> through a logger factory.
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _details = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    /// <summary>One line per entry: <c>{level} {event id} {category}: {message} {exception}</c>.</summary>
    public IReadOnlyCollection<string> Lines => _lines;

    /// <summary>Per entry, its structured values and scopes (<c>Key=value … [scope | scope]</c>).</summary>
    public IReadOnlyCollection<string> Details => _details;

    /// <summary>Everything captured, lines and details, for "this never appears anywhere" checks.</summary>
    public IEnumerable<string> Everything => _lines.Concat(_details);

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <inheritdoc />
    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            owner._lines.Enqueue($"{logLevel} {eventId.Id} {category}: {formatter(state, exception)} {exception}");
            var scopes = new List<string>();
            owner._scopes.ForEachScope((scope, list) => list.Add(scope?.ToString() ?? string.Empty), scopes);
            var structured = state is IEnumerable<KeyValuePair<string, object?>> values ? string.Join(' ', values.Select(kv => $"{kv.Key}={kv.Value}")) : string.Empty;
            owner._details.Enqueue($"{structured} [{string.Join(" | ", scopes)}]");
        }
    }
}
