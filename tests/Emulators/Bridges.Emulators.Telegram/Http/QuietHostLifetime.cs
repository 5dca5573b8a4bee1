using Microsoft.Extensions.Hosting;

namespace Bridges.Emulators.Telegram.Http;

/// <summary>A host lifetime that ignores Ctrl+C and SIGTERM: the embedded server must not stop the test process.</summary>
internal sealed class QuietHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
