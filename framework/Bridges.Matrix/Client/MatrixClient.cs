using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Bridges.Matrix.Errors;
using Bridges.Matrix.Events;
using Bridges.Matrix.Ids;
using Microsoft.Extensions.Logging;

namespace Bridges.Matrix.Client;

/// <summary>
/// A Client-Server API client for one access token. With an appservice token every call can assert the
/// identity of a namespaced user (<c>?user_id=</c>); <see cref="Intent"/> wraps that per user. This class is the
/// only place that retries requests to the homeserver: 429 after <c>retry_after_ms</c>, 5xx and network errors
/// with bounded exponential backoff (POSTs only when the server cannot have acted on them).
/// </summary>
public sealed partial class MatrixClient
{
    private readonly HttpClient _http;
    private readonly string _accessToken;
    private readonly MatrixClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public MatrixClient(HttpClient http, Uri homeserverUrl, string accessToken, MatrixClientOptions options, TimeProvider time, ILogger<MatrixClient> logger)
    {
        _http = http;
        HomeserverUrl = homeserverUrl;
        _accessToken = accessToken;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>The homeserver's base URL.</summary>
    public Uri HomeserverUrl { get; }

    /// <summary>A fresh client transaction id for sends that have no deterministic one.</summary>
    public static string NewTransactionId() => "bridges." + RandomNumberGenerator.GetHexString(24, lowercase: true);

    internal Task<TResponse> SendAsync<TResponse>(HttpMethod method, string path, UserId? asUser, JsonTypeInfo<TResponse> responseType, CancellationToken ct) =>
        SendCoreAsync(method, path, asUser, static () => null, responseType, ct);

    internal Task<TResponse> SendAsync<TRequest, TResponse>(HttpMethod method, string path, UserId? asUser, TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken ct) =>
        SendCoreAsync(method, path, asUser, () => JsonContent.Create(body, requestType), responseType, ct);

    internal Task<TResponse> SendRawAsync<TResponse>(HttpMethod method, string path, UserId? asUser, Func<HttpContent?> content, JsonTypeInfo<TResponse> responseType, CancellationToken ct) =>
        SendCoreAsync(method, path, asUser, content, responseType, ct);

    /// <summary>Sends a request and returns the raw response (for media downloads); the caller disposes it.</summary>
    internal async Task<HttpResponseMessage> SendForResponseAsync(HttpMethod method, string path, UserId? asUser, Func<HttpContent?> content, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = BuildRequest(method, path, asUser, content());
            HttpResponseMessage? response = null;
            TimeSpan? wait;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return response;
                }

                var error = await ReadErrorAsync(response, ct).ConfigureAwait(false);
                wait = RetryDelay(method, response.StatusCode, error, attempt);
                if (wait is null)
                {
                    throw error;
                }

                Log.Retrying(_logger, method.Method, StripQuery(path), (int)response.StatusCode, attempt + 1, (long)wait.Value.TotalMilliseconds);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                wait = NetworkRetryDelay(method, e, attempt) ?? throw new MatrixException(HttpStatusCode.ServiceUnavailable, MatrixErrorCodes.ConnectionFailed, $"{method} {StripQuery(path)} failed: {e.Message}");
                Log.NetworkRetry(_logger, method.Method, StripQuery(path), e.GetType().Name, attempt + 1, (long)wait.Value.TotalMilliseconds);
            }
            finally
            {
                if (response is { IsSuccessStatusCode: false })
                {
                    response.Dispose();
                }
            }

            await Task.Delay(wait.Value, _time, ct).ConfigureAwait(false);
        }
    }

    private async Task<TResponse> SendCoreAsync<TResponse>(HttpMethod method, string path, UserId? asUser, Func<HttpContent?> content, JsonTypeInfo<TResponse> responseType, CancellationToken ct)
    {
        using var response = await SendForResponseAsync(method, path, asUser, content, ct).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                return await JsonSerializer.DeserializeAsync(stream, responseType, ct).ConfigureAwait(false)
                    ?? throw new MatrixException(response.StatusCode, MatrixErrorCodes.BadJson, $"{method} {StripQuery(path)}: empty response body");
            }
            catch (JsonException e)
            {
                throw new MatrixException(response.StatusCode, MatrixErrorCodes.BadJson, $"{method} {StripQuery(path)}: malformed response: {e.Message}");
            }
        }
    }

    private HttpRequestMessage BuildRequest(HttpMethod method, string path, UserId? asUser, HttpContent? content)
    {
        var uri = path;
        if (asUser is { } user)
        {
            uri += (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "user_id=" + Uri.EscapeDataString(user.Value);
        }

        var request = new HttpRequestMessage(method, new Uri(HomeserverUrl, uri)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _accessToken);
        return request;
    }

    private TimeSpan? RetryDelay(HttpMethod method, HttpStatusCode status, MatrixException error, int attempt)
    {
        if (attempt >= _options.MaxRetries)
        {
            return null;
        }

        if (status == HttpStatusCode.TooManyRequests)
        {
            // A rate-limited request was not acted on, so even a POST is safe to repeat.
            var after = error.RetryAfter ?? Backoff(attempt);
            return after > _options.MaxBackoff ? _options.MaxBackoff : after;
        }

        return (int)status >= 500 && IsIdempotent(method) ? Backoff(attempt) : null;
    }

    private TimeSpan? NetworkRetryDelay(HttpMethod method, Exception e, int attempt)
    {
        if (attempt >= _options.MaxRetries)
        {
            return null;
        }

        // A refused connection never reached the server; anything else might have, so only idempotent calls repeat.
        var refused = e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused };
        return refused || IsIdempotent(method) ? Backoff(attempt) : null;
    }

    private static bool IsIdempotent(HttpMethod method) => method != HttpMethod.Post;

    private TimeSpan Backoff(int attempt)
    {
        var baseMs = _options.InitialBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 16));
        var capped = Math.Min(baseMs, _options.MaxBackoff.TotalMilliseconds);
        // Full jitter on the upper half so many ghosts retrying at once spread out.
        return TimeSpan.FromMilliseconds((capped / 2) + (Random.Shared.NextDouble() * capped / 2));
    }

    private async Task<MatrixException> ReadErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        string errcode = MatrixErrorCodes.Unknown, text = response.ReasonPhrase ?? "error";
        TimeSpan? retryAfter = null;
        try
        {
            var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            if (body.Length > 0)
            {
                var error = JsonSerializer.Deserialize(body, MatrixJsonContext.Default.MatrixError);
                if (error is not null)
                {
                    errcode = error.Errcode ?? errcode;
                    text = error.Error ?? text;
                    retryAfter = error.RetryAfterMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null;
                }
            }
        }
        catch (JsonException)
        {
            // Not a Matrix error body (a proxy's HTML page, say): keep the status alone.
        }

        if (response.Headers.RetryAfter is { } header)
        {
            retryAfter ??= header.Delta ?? (header.Date is { } date ? date - _time.GetUtcNow() : null);
        }

        // A date already past (the server's clock is behind ours) means "now"; a negative wait would make Task.Delay throw.
        if (retryAfter < TimeSpan.Zero)
        {
            retryAfter = TimeSpan.Zero;
        }

        return new MatrixException(response.StatusCode, errcode, text, retryAfter);
    }

    private static string StripQuery(string path)
    {
        var q = path.IndexOf('?', StringComparison.Ordinal);
        return q < 0 ? path : path[..q];
    }
}
