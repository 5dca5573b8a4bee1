using System.Collections.Concurrent;
using Bridges.Core.Network;
using Bridges.Discord.Api;
using Microsoft.Extensions.Logging;

namespace Bridges.Discord.Bridge;

/// <summary>
/// The bridge's webhook per channel: remembered in the plugin store (<c>webhook:&lt;channel&gt;</c> = id and token), found
/// again among the channel's webhooks after a lost store, or created on the first relayed message. Messages whose
/// <c>webhook_id</c> is one of these are our own echoes.
/// </summary>
internal sealed class DiscordWebhooks(IDiscordRestClient rest, IPluginKeyValueStore store, string name, ILogger logger)
{
    private readonly ConcurrentDictionary<string, DiscordWebhook> _byChannel = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _ownIds = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _creating = new(1, 1);

    /// <summary>Whether a message's webhook is the bridge's (looked up in the store for channels not seen since start).</summary>
    public async Task<bool> IsOwnAsync(string webhookId, string channelId, CancellationToken ct) =>
        _ownIds.ContainsKey(webhookId) || (await FromStoreAsync(channelId, ct).ConfigureAwait(false))?.Id == webhookId;

    public async Task<DiscordWebhook> ForChannelAsync(string channelId, string botId, CancellationToken ct)
    {
        if (_byChannel.TryGetValue(channelId, out var known) || (known = await FromStoreAsync(channelId, ct).ConfigureAwait(false)) is not null)
        {
            return known;
        }

        await _creating.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_byChannel.TryGetValue(channelId, out known))
            {
                return known;
            }

            // Ours from before a lost store: Discord shows a webhook's token to the bot that made it.
            var existing = (await rest.GetChannelWebhooksAsync(channelId, ct).ConfigureAwait(false))
                .FirstOrDefault(w => w.User?.Id == botId && w.Name == name && w.Token is not null);
            var webhook = existing ?? await rest.CreateWebhookAsync(channelId, name, ct).ConfigureAwait(false);
            if (existing is null)
            {
                Log.WebhookCreated(logger, webhook.Id, channelId);
            }

            await store.SetAsync(Key(channelId), $"{webhook.Id}/{webhook.Token}", ct).ConfigureAwait(false);
            Remember(channelId, webhook);
            return webhook;
        }
        finally
        {
            _creating.Release();
        }
    }

    private async Task<DiscordWebhook?> FromStoreAsync(string channelId, CancellationToken ct)
    {
        if (_byChannel.TryGetValue(channelId, out var known))
        {
            return known;
        }

        var stored = await store.GetAsync(Key(channelId), ct).ConfigureAwait(false);
        if (stored?.Split('/') is not [var id, var token])
        {
            return null;
        }

        var webhook = new DiscordWebhook(id, name, token, channelId);
        Remember(channelId, webhook);
        return webhook;
    }

    private void Remember(string channelId, DiscordWebhook webhook)
    {
        _byChannel[channelId] = webhook;
        _ownIds[webhook.Id] = 0;
    }

    private static string Key(string channelId) => $"webhook:{channelId}";
}
