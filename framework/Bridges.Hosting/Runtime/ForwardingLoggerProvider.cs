using Microsoft.Extensions.Logging;

namespace Bridges.Hosting.Runtime;

/// <summary>Hands the web server's loggers to the host's factory, so its filters (set by the caller) apply first.</summary>
internal sealed class ForwardingLoggerProvider(ILoggerFactory target) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => target.CreateLogger(categoryName);

    public void Dispose()
    {
    }
}
