using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Bridges.Hosting.Tests;

/// <summary>Keeps every formatted log line, scopes and exceptions included, at every level.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<string>();
            owner._scopes.ForEachScope((scope, list) => list.Add(scope?.ToString() ?? string.Empty), scopes);
            var structured = state is IEnumerable<KeyValuePair<string, object?>> kvs ? string.Join(' ', kvs.Select(kv => $"{kv.Key}={kv.Value}")) : string.Empty;
            owner._lines.Enqueue($"{logLevel} {category} {formatter(state, exception)} {structured} [{string.Join(" | ", scopes)}] {exception}");
        }
    }
}
