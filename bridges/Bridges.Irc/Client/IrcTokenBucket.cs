namespace Bridges.Irc.Client;

/// <summary>
/// Token bucket for outgoing lines: <c>burst</c> tokens, one more every <c>interval</c>, one token per line.
/// Time comes from the injected <see cref="TimeProvider"/>. Not thread-safe: owned by the send loop.
/// </summary>
internal sealed class IrcTokenBucket
{
    private readonly int _burst;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _timeProvider;
    private double _tokens;
    private long _last;

    public IrcTokenBucket(int burst, TimeSpan interval, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _burst = burst;
        _interval = interval;
        _timeProvider = timeProvider;
        Reset();
    }

    /// <summary>Refills the bucket (a fresh connection starts with a fresh server-side budget).</summary>
    public void Reset()
    {
        _tokens = _burst;
        _last = _timeProvider.GetTimestamp();
    }

    /// <summary>Zero when a line may go now, else how long until one may.</summary>
    public TimeSpan TimeUntilAvailable()
    {
        Refill();
        if (_tokens >= 1 || _interval <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        return _interval * (1 - _tokens);
    }

    /// <summary>Consumes one token (the caller waited for <see cref="TimeUntilAvailable"/> first).</summary>
    public void Take()
    {
        Refill();
        _tokens = Math.Max(_tokens - 1, -_burst);
    }

    private void Refill()
    {
        var now = _timeProvider.GetTimestamp();
        if (_interval > TimeSpan.Zero)
        {
            var elapsed = _timeProvider.GetElapsedTime(_last, now);
            _tokens = Math.Min(_burst, _tokens + (elapsed / _interval));
        }
        else
        {
            _tokens = _burst;
        }

        _last = now;
    }
}
