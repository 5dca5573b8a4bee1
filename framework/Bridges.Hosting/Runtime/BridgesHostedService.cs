using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bridges.Hosting.Runtime;

/// <summary>
/// Runs the bridges added with <c>services.AddBridges(configuration)</c> inside a generic host: starts a
/// <see cref="BridgesApplication"/> from the validated options when the host starts, and stops it (draining within
/// <c>shutdown.timeout</c>) when the host stops.
/// </summary>
public sealed class BridgesHostedService : IHostedService, IAsyncDisposable
{
    private readonly IServiceProvider _services;
    private readonly ILoggerFactory _loggers;
    private readonly TimeProvider _time;
    private BridgesApplication? _app;

    /// <summary>Created by the container.</summary>
    public BridgesHostedService(IServiceProvider services, ILoggerFactory loggers, TimeProvider time)
    {
        _services = services;
        _loggers = loggers;
        _time = time;
    }

    /// <summary>The running application: its listen URL, metrics URL and bridges. Throws before the host started.</summary>
    public BridgesApplication Application => _app ?? throw new InvalidOperationException("The bridges host has not started.");

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = BridgesSettings.Resolve(_services);
        _app = await BridgesApplication.StartAsync(settings, _loggers, _time, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // The application bounds its own drain by shutdown.timeout.
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
