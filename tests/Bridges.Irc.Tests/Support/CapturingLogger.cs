using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Bridges.Irc.Tests.Support;

/// <summary>Logger that keeps every formatted message (Trace included), to check what reaches logs.</summary>
internal sealed class CapturingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        Messages.Enqueue($"{logLevel} {eventId.Id} {formatter(state, exception)} {exception}");
        if (state is IEnumerable<KeyValuePair<string, object?>> fields)
        {
            foreach (var (k, v) in fields)
            {
                Messages.Enqueue($"  {k}={v}");
            }
        }
    }
}
