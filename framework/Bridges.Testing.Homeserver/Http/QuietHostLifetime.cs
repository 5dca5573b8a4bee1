using Microsoft.Extensions.Hosting;

namespace Bridges.Testing.Homeserver.Http;

/// <summary>
/// A host lifetime that ignores Ctrl+C and SIGTERM: an embedded test homeserver must not stop (or keep alive)
/// the process that hosts it. The standalone server handles signals itself.
/// </summary>
internal sealed class QuietHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
