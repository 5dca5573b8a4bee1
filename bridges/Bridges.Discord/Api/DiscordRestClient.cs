using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bridges.Core.Network;
using Bridges.Core.Security;
using Microsoft.Extensions.Logging;

namespace Bridges.Discord.Api;

/// <summary>
/// Discord's REST API v10 over <see cref="HttpClient"/>. Every call waits its turn in <see cref="RestRateLimiter"/>; a
/// 429 is waited out and sent again (never dropped), 5xx and network failures become
/// <see cref="RemoteTransientException"/> for the core's retries, and other refusals <see cref="DiscordApiException"/>.
/// The token goes only into the Authorization header, never into a log line.
/// </summary>
internal sealed class DiscordRestClient : IDiscordRestClient, IDisposable
{
    /// <summary>Enough to ride out a rate limit burst; more means Discord keeps refusing, which the caller should hear about.</summary>
    private const int MaxRateLimitRetries = 10;

    private readonly HttpClient _http;
    private readonly Uri _base;
    private readonly Secret _token;
    private readonly RestRateLimiter _limits;
    private readonly ILogger _logger;

    public DiscordRestClient(Uri apiBaseUrl, Secret token, TimeProvider time, ILogger logger, HttpMessageHandler? handler = null)
    {
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.Timeout = TimeSpan.FromSeconds(60);
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("DiscordBot (https://github.com/bridges, 1.0)");
        _base = new Uri(apiBaseUrl.ToString().TrimEnd('/') + "/v10/");
        _token = token;
        _limits = new RestRateLimiter(time);
        _logger = logger;
    }

    public async Task<DiscordGatewayBot> GetGatewayBotAsync(CancellationToken ct) =>
        DiscordJson.Read<DiscordGatewayBot>((await SendAsync(HttpMethod.Get, "gateway/bot", "gateway/bot", string.Empty, null, ct).ConfigureAwait(false))!.Value);

    public async Task<DiscordUser> GetCurrentUserAsync(CancellationToken ct) =>
        DiscordJson.Read<DiscordUser>((await SendAsync(HttpMethod.Get, "users/@me", "users/@me", string.Empty, null, ct).ConfigureAwait(false))!.Value);

    public async Task<DiscordChannel> GetChannelAsync(string channelId, CancellationToken ct) =>
        DiscordJson.Read<DiscordChannel>((await SendAsync(HttpMethod.Get, $"channels/{channelId}", "channels/{id}", channelId, null, ct).ConfigureAwait(false))!.Value);

    public async Task<IReadOnlyList<DiscordChannel>> GetGuildChannelsAsync(string guildId, CancellationToken ct) =>
        DiscordJson.Read<List<DiscordChannel>>((await SendAsync(HttpMethod.Get, $"guilds/{guildId}/channels", "guilds/{id}/channels", guildId, null, ct).ConfigureAwait(false))!.Value);

    public async Task<IReadOnlyList<DiscordMessage>> GetMessagesAsync(string channelId, string? before, string? after, int limit, CancellationToken ct)
    {
        var query = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"limit={limit}"));
        if (before is not null)
        {
            query.Append(CultureInfo.InvariantCulture, $"&before={before}");
        }

        if (after is not null)
        {
            query.Append(CultureInfo.InvariantCulture, $"&after={after}");
        }

        var page = await SendAsync(HttpMethod.Get, $"channels/{channelId}/messages?{query}", "GET channels/{id}/messages", channelId, null, ct).ConfigureAwait(false);
        return DiscordJson.Read<List<DiscordMessage>>(page!.Value);
    }

    public Task<DiscordMessage> CreateMessageAsync(string channelId, JsonObject body, CancellationToken ct) => CreateMessageAsync(channelId, body, [], ct);

    public async Task<DiscordMessage> CreateMessageAsync(string channelId, JsonObject body, IReadOnlyList<DiscordUpload> files, CancellationToken ct) =>
        DiscordJson.Read<DiscordMessage>((await SendAsync(HttpMethod.Post, $"channels/{channelId}/messages", "POST channels/{id}/messages", channelId, body, ct, files: files).ConfigureAwait(false))!.Value);

    public async Task<DiscordMessage> EditMessageAsync(string channelId, string messageId, JsonObject body, CancellationToken ct) =>
        DiscordJson.Read<DiscordMessage>((await SendAsync(HttpMethod.Patch, $"channels/{channelId}/messages/{messageId}", "PATCH channels/{id}/messages/{id}", channelId, body, ct).ConfigureAwait(false))!.Value);

    public Task DeleteMessageAsync(string channelId, string messageId, CancellationToken ct) =>
        SendAsync(HttpMethod.Delete, $"channels/{channelId}/messages/{messageId}", "DELETE channels/{id}/messages/{id}", channelId, null, ct);

    public Task AddReactionAsync(string channelId, string messageId, string emoji, CancellationToken ct) =>
        SendAsync(HttpMethod.Put, $"channels/{channelId}/messages/{messageId}/reactions/{Uri.EscapeDataString(emoji)}/@me", "channels/{id}/messages/{id}/reactions", channelId, null, ct);

    public Task RemoveReactionAsync(string channelId, string messageId, string emoji, CancellationToken ct) =>
        SendAsync(HttpMethod.Delete, $"channels/{channelId}/messages/{messageId}/reactions/{Uri.EscapeDataString(emoji)}/@me", "channels/{id}/messages/{id}/reactions", channelId, null, ct);

    public Task TriggerTypingAsync(string channelId, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, $"channels/{channelId}/typing", "channels/{id}/typing", channelId, null, ct);

    public async Task<DiscordWebhook> CreateWebhookAsync(string channelId, string name, CancellationToken ct) =>
        DiscordJson.Read<DiscordWebhook>((await SendAsync(HttpMethod.Post, $"channels/{channelId}/webhooks", "POST channels/{id}/webhooks", channelId, new JsonObject { ["name"] = name }, ct).ConfigureAwait(false))!.Value);

    public async Task<IReadOnlyList<DiscordWebhook>> GetChannelWebhooksAsync(string channelId, CancellationToken ct) =>
        DiscordJson.Read<List<DiscordWebhook>>((await SendAsync(HttpMethod.Get, $"channels/{channelId}/webhooks", "GET channels/{id}/webhooks", channelId, null, ct).ConfigureAwait(false))!.Value);

    public Task<DiscordMessage> ExecuteWebhookAsync(string webhookId, string token, JsonObject body, string? threadId, CancellationToken ct) =>
        ExecuteWebhookAsync(webhookId, token, body, [], threadId, ct);

    public async Task<DiscordMessage> ExecuteWebhookAsync(string webhookId, string token, JsonObject body, IReadOnlyList<DiscordUpload> files, string? threadId, CancellationToken ct) =>
        DiscordJson.Read<DiscordMessage>((await SendAsync(HttpMethod.Post, $"webhooks/{webhookId}/{token}?wait=true{Thread(threadId)}", "POST webhooks/{id}/{token}", webhookId, body, ct, auth: false, files: files).ConfigureAwait(false))!.Value);

    public async Task<DiscordMessage> EditWebhookMessageAsync(string webhookId, string token, string messageId, JsonObject body, string? threadId, CancellationToken ct) =>
        DiscordJson.Read<DiscordMessage>((await SendAsync(HttpMethod.Patch, $"webhooks/{webhookId}/{token}/messages/{messageId}{Thread(threadId, first: true)}", "PATCH webhooks/{id}/{token}/messages/{id}", webhookId, body, ct, auth: false).ConfigureAwait(false))!.Value);

    public Task DeleteWebhookMessageAsync(string webhookId, string token, string messageId, string? threadId, CancellationToken ct) =>
        SendAsync(HttpMethod.Delete, $"webhooks/{webhookId}/{token}/messages/{messageId}{Thread(threadId, first: true)}", "DELETE webhooks/{id}/{token}/messages/{id}", webhookId, null, ct, auth: false);

    public void Dispose() => _http.Dispose();

    private static string Thread(string? threadId, bool first = false) => threadId is null ? string.Empty : $"{(first ? '?' : '&')}thread_id={threadId}";

    /// <summary>One call: its bucket's turn, the request, and the answer's rate-limit headers learned before the next.</summary>
    private async Task<JsonElement?> SendAsync(HttpMethod method, string path, string route, string major, JsonNode? body, CancellationToken ct, bool auth = true,
        IReadOnlyList<DiscordUpload>? files = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var lease = await _limits.AcquireAsync(route, major, ct).ConfigureAwait(false);
            using var request = new HttpRequestMessage(method, new Uri(_base, path));
            if (auth)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bot", _token.Reveal());
            }

            if (files is { Count: > 0 })
            {
                // Built again on every attempt: a sent HttpContent cannot be sent twice.
                request.Content = Multipart(body, files);
            }
            else if (body is not null)
            {
                request.Content = new StringContent(body.ToJsonString(DiscordJson.Options), Encoding.UTF8, "application/json");
            }

            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, ct).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw new RemoteTransientException($"Discord {route} failed: {e.Message}", e);
            }

            using (response)
            {
                lease.Learn(response.Headers);
                var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    var retryAfter = RetryAfter(text, response);
                    var global = response.Headers.TryGetValues("X-RateLimit-Global", out var g) && g.Contains("true", StringComparer.OrdinalIgnoreCase);
                    Log.RateLimited(_logger, route, retryAfter, global);
                    if (global)
                    {
                        _limits.HoldGlobal(retryAfter);
                    }
                    else
                    {
                        lease.Exhausted(retryAfter);
                    }

                    if (attempt >= MaxRateLimitRetries)
                    {
                        throw new RemoteTransientException($"Discord kept rate limiting {route}") { RetryAfter = retryAfter };
                    }

                    continue;
                }

                if ((int)response.StatusCode >= 500)
                {
                    throw new RemoteTransientException($"Discord {route} answered {(int)response.StatusCode}");
                }

                if (!response.IsSuccessStatusCode)
                {
                    var (code, message) = Error(text);
                    throw new DiscordApiException((int)response.StatusCode, code, message);
                }

                if (text.Length == 0)
                {
                    return null;
                }

                using var document = JsonDocument.Parse(text);
                return document.RootElement.Clone();
            }
        }
    }

    /// <summary>Discord's upload format (reference, "Uploading Files"): the JSON body as <c>payload_json</c>, each file as <c>files[n]</c>.</summary>
    private static MultipartFormDataContent Multipart(JsonNode? body, IReadOnlyList<DiscordUpload> files)
    {
        var form = new MultipartFormDataContent();
        form.Add(new StringContent((body ?? new JsonObject()).ToJsonString(DiscordJson.Options), Encoding.UTF8, "application/json"), "payload_json");
        for (var i = 0; i < files.Count; i++)
        {
            var part = new ReadOnlyMemoryContent(files[i].Data);
            part.Headers.ContentType = MediaTypeHeaderValue.TryParse(files[i].ContentType, out var type) ? type : new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, string.Create(CultureInfo.InvariantCulture, $"files[{i}]"), files[i].FileName);
        }

        return form;
    }

    private static TimeSpan RetryAfter(string body, HttpResponseMessage response)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("retry_after", out var value) && value.TryGetDouble(out var seconds))
            {
                return TimeSpan.FromSeconds(seconds);
            }
        }
        catch (JsonException)
        {
            // A proxy's 429 without Discord's body: fall back to the header.
        }

        return response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
    }

    private static (int Code, string Message) Error(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return (root.TryGetProperty("code", out var c) && c.TryGetInt32(out var code) ? code : 0,
                root.TryGetProperty("message", out var m) ? m.GetString() ?? string.Empty : string.Empty);
        }
        catch (JsonException)
        {
            return (0, body.Length > 200 ? body[..200] : body);
        }
    }
}
