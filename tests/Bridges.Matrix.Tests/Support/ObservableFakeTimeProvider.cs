using System.Threading.Channels;
using Bridges.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace Bridges.Matrix.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also reports each timer created on it, so a test knows exactly when the
/// code under test has started waiting and for how long, and can then advance the clock without racing it.
/// </summary>
internal sealed class ObservableFakeTimeProvider : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public ObservableFakeTimeProvider()
        : base(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>The due time of the next timer created (waits for it).</summary>
    public async Task<TimeSpan> NextTimerAsync()
    {
        using var cts = new CancellationTokenSource(TestWait.DefaultTimeout);
        try
        {
            return await _timers.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail("Timed out waiting for the code under test to start a timer.");
            throw;
        }
    }
}
