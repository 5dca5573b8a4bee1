using System.Globalization;
using Bridges.Emulators.Discord.World;
using Microsoft.AspNetCore.Http;

namespace Bridges.Emulators.Discord.Rest;

/// <summary>
/// Discord's rate limits as the rate-limits topic describes them: each route (with its top-level resource, the
/// "major parameter") has a bucket of <see cref="DiscordEmulatorOptions.BucketLimit"/> requests per window, reported in
/// <c>X-RateLimit-*</c> headers; every bot also has a global limit per second. Over a limit the answer is 429 with
/// <c>retry_after</c> in seconds, <c>X-RateLimit-Scope</c> and, for the global limit, <c>X-RateLimit-Global</c>.
/// </summary>
internal sealed class RateLimits(DiscordEmulatorOptions options, WorldState world)
{
    private readonly Dictionary<string, Window> _buckets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Window> _global = new(StringComparer.Ordinal);
    private (TimeSpan RetryAfter, bool Global)? _injected;

    /// <summary>The next request is answered 429 with this retry_after, as if a limit had been hit elsewhere.</summary>
    public void Inject(TimeSpan retryAfter, bool global)
    {
        lock (world.Gate)
        {
            _injected = (retryAfter, global);
        }
    }

    /// <summary>Counts the request; returns the 429 to send, or null with the bucket headers set.</summary>
    public (double RetryAfter, bool Global)? Take(HttpResponse response, string who, string route, string major)
    {
        lock (world.Gate)
        {
            var now = world.Time.GetUtcNow();
            var bucketHash = Hash(route);
            if (_injected is { } injected)
            {
                _injected = null;
                return Refuse(response, injected.RetryAfter.TotalSeconds, injected.Global, bucketHash);
            }

            var global = Get(_global, who, now, TimeSpan.FromSeconds(1));
            if (global.Count >= options.GlobalLimit)
            {
                return Refuse(response, (global.Start + TimeSpan.FromSeconds(1) - now).TotalSeconds, true, bucketHash);
            }

            var bucket = Get(_buckets, $"{who}|{bucketHash}|{major}", now, options.BucketWindow);
            var resetAfter = bucket.Start + options.BucketWindow - now;
            if (bucket.Count >= options.BucketLimit)
            {
                SetHeaders(response, 0, resetAfter, bucketHash);
                return Refuse(response, resetAfter.TotalSeconds, false, bucketHash);
            }

            global.Count++;
            bucket.Count++;
            SetHeaders(response, options.BucketLimit - bucket.Count, resetAfter, bucketHash);
            return null;
        }
    }

    private (double, bool) Refuse(HttpResponse response, double retryAfter, bool global, string bucketHash)
    {
        world.RateLimited++;
        retryAfter = Math.Max(0.001, Math.Round(retryAfter, 3));
        response.Headers["Retry-After"] = Math.Ceiling(retryAfter).ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Scope"] = global ? "global" : "user";
        if (global)
        {
            response.Headers["X-RateLimit-Global"] = "true";
        }
        else
        {
            response.Headers["X-RateLimit-Bucket"] = bucketHash;
        }

        return (retryAfter, global);
    }

    private void SetHeaders(HttpResponse response, int remaining, TimeSpan resetAfter, string bucketHash)
    {
        var reset = world.Time.GetUtcNow() + resetAfter;
        response.Headers["X-RateLimit-Limit"] = options.BucketLimit.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Reset"] = (reset.ToUnixTimeMilliseconds() / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
        // Rounded up, so a client that waits exactly this long is never early.
        response.Headers["X-RateLimit-Reset-After"] = (Math.Ceiling(resetAfter.TotalMilliseconds) / 1000).ToString("0.000", CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Bucket"] = bucketHash;
    }

    private static Window Get(Dictionary<string, Window> windows, string key, DateTimeOffset now, TimeSpan length)
    {
        if (!windows.TryGetValue(key, out var window) || now >= window.Start + length)
        {
            window = new Window { Start = now };
            windows[key] = window;
        }

        return window;
    }

    /// <summary>An opaque, stable bucket id per route, as Discord's hashes are.</summary>
    private static string Hash(string route) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(route)))[..16];

    private sealed class Window
    {
        public DateTimeOffset Start { get; init; }

        public int Count { get; set; }
    }
}
