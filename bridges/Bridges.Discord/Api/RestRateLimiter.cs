using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;

namespace Bridges.Discord.Api;

/// <summary>
/// Discord's rate limits as the rate-limits topic asks clients to keep them: buckets are learned from
/// <c>X-RateLimit-Bucket</c> (one route's limit, per major parameter), a bucket with nothing remaining waits for
/// <c>X-RateLimit-Reset-After</c>, and a 429 holds its bucket (or, with <c>X-RateLimit-Global</c>, every request) for
/// <c>retry_after</c>. Requests of one bucket go one at a time, so they queue rather than being dropped.
/// </summary>
internal sealed class RestRateLimiter(TimeProvider time)
{
    private static readonly TimeSpan ResetMargin = TimeSpan.FromMilliseconds(25);

    private TimeProvider Time => time;

    private readonly ConcurrentDictionary<string, string> _bucketOfRoute = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private long _globalUntilTicks;

    /// <summary>Waits for the request's turn in its bucket; dispose the lease after reading the answer's headers.</summary>
    public async Task<Lease> AcquireAsync(string route, string major, CancellationToken ct)
    {
        var bucket = BucketFor(route, major);
        await bucket.Gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            // A little past the reset: timers may fire a hair early, and an early request costs a 429.
            var wait = bucket.Remaining == 0 ? bucket.ResetAt - time.GetUtcNow() + ResetMargin : TimeSpan.Zero;
            var global = new DateTimeOffset(Interlocked.Read(ref _globalUntilTicks), TimeSpan.Zero) - time.GetUtcNow();
            wait = wait > global ? wait : global;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, ct).ConfigureAwait(false);
            }

            return new Lease(this, route, major, bucket);
        }
        catch
        {
            bucket.Gate.Release();
            throw;
        }
    }

    private Bucket BucketFor(string route, string major) =>
        _buckets.GetOrAdd($"{(_bucketOfRoute.TryGetValue(route, out var hash) ? hash : route)}|{major}", _ => new Bucket());

    /// <summary>Stops every request for <paramref name="delay"/> (a global 429).</summary>
    public void HoldGlobal(TimeSpan delay)
    {
        var until = (time.GetUtcNow() + delay).UtcTicks;
        long current;
        do
        {
            current = Interlocked.Read(ref _globalUntilTicks);
        }
        while (until > current && Interlocked.CompareExchange(ref _globalUntilTicks, until, current) != current);
    }

    private void Learn(string route, string major, Bucket bucket, HttpResponseHeaders headers)
    {
        if (Header(headers, "X-RateLimit-Bucket") is { } hash && _bucketOfRoute.TryAdd(route, hash))
        {
            // From now on the route shares the hashed bucket's state (routes with one hash share their limit).
            _buckets.TryAdd($"{hash}|{major}", bucket);
        }

        if (int.TryParse(Header(headers, "X-RateLimit-Remaining"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var remaining))
        {
            bucket.Remaining = remaining;
        }

        if (double.TryParse(Header(headers, "X-RateLimit-Reset-After"), NumberStyles.Float, CultureInfo.InvariantCulture, out var resetAfter))
        {
            bucket.ResetAt = time.GetUtcNow() + TimeSpan.FromSeconds(resetAfter);
        }
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>One request's turn in its bucket.</summary>
    internal sealed class Lease(RestRateLimiter limiter, string route, string major, Bucket bucket) : IDisposable
    {
        private bool _released;

        public void Learn(HttpResponseHeaders headers) => limiter.Learn(route, major, bucket, headers);

        /// <summary>A 429 for this bucket: nothing remains until <paramref name="retryAfter"/> has passed.</summary>
        public void Exhausted(TimeSpan retryAfter)
        {
            bucket.Remaining = 0;
            bucket.ResetAt = limiter.Time.GetUtcNow() + retryAfter;
        }

        public void Dispose()
        {
            if (!_released)
            {
                _released = true;
                bucket.Gate.Release();
            }
        }
    }

    internal sealed class Bucket
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        /// <summary>Requests left in the window; null until the first answer tells.</summary>
        public int? Remaining { get; set; }

        public DateTimeOffset ResetAt { get; set; }
    }
}
