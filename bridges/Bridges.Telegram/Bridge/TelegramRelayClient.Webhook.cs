using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bridges.Core.Network;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Bridges.Telegram.Bridge;

/// <summary>
/// Webhook mode: Telegram POSTs each update to the bridge's listener with a secret token header. An update is answered
/// 200 only after its events are pushed, so Telegram retries what a crash interrupted (the core drops repeats).
/// </summary>
internal sealed partial class TelegramRelayClient
{
    private const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";
    private readonly SemaphoreSlim _webhookGate = new(1, 1);
    private readonly Queue<int> _recentUpdates = new();
    private readonly HashSet<int> _recentUpdateSet = [];

    private string WebhookName => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"telegram-{_bot.BotId}");

    /// <summary>Derived from the token, so it survives restarts and is useless to anyone without the token.</summary>
    private string WebhookSecret => Base64Url.EncodeToString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(_token.Reveal()), "bridges-telegram-webhook"u8));

    private async Task<bool> StartWebhookAsync(CancellationToken ct)
    {
        if (Host.Webhooks.UrlFor(WebhookName) is not { } url)
        {
            Log.NoWebhookUrl(_logger, _bot.BotId);
            return false;
        }

        Host.Webhooks.Register(WebhookName, HandleWebhookAsync);
        // One connection at a time keeps each chat's updates in order.
        await Call(() => _bot.SetWebhook(url.ToString(), maxConnections: 1, allowedUpdates: AllowedUpdates, secretToken: WebhookSecret, cancellationToken: ct)).ConfigureAwait(false);
        Log.WebhookSet(_logger, _bot.BotId, url);
        return true;
    }

    private async Task<int> HandleWebhookAsync(WebhookRequest request, CancellationToken ct)
    {
        var given = request.Headers.TryGetValue(SecretHeader, out var header) ? header : string.Empty;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(WebhookSecret)))
        {
            Log.WebhookRefused(_logger, _bot.BotId, given.Length == 0 ? "no secret token" : "wrong secret token");
            return given.Length == 0 ? 401 : 403;
        }

        Update? update;
        try
        {
            update = JsonSerializer.Deserialize<Update>(request.Body.Span, JsonBotAPI.Options);
        }
        catch (JsonException)
        {
            Log.WebhookRefused(_logger, _bot.BotId, "the body is not an Update");
            return 400;
        }

        if (update is null)
        {
            return 400;
        }

        await _webhookGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_recentUpdateSet.Contains(update.Id))
            {
                return 200;
            }

            await HandleUpdateAsync(update, ct).ConfigureAwait(false);
            Remember(update.Id);
            return 200;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.WebhookUpdateFailed(_logger, e, update.Id);
            return 500;
        }
        finally
        {
            _webhookGate.Release();
        }
    }

    /// <summary>Telegram may deliver an update again when our answer was lost: the last thousand ids are skipped.</summary>
    private void Remember(int updateId)
    {
        _recentUpdates.Enqueue(updateId);
        _recentUpdateSet.Add(updateId);
        if (_recentUpdates.Count > 1000)
        {
            _recentUpdateSet.Remove(_recentUpdates.Dequeue());
        }
    }
}
