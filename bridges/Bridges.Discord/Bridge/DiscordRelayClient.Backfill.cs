using Bridges.Core.Network;
using Bridges.Discord.Api;

namespace Bridges.Discord.Bridge;

internal sealed partial class DiscordRelayClient : IBackfiller
{
    /// <summary>The most <c>GET /channels/{id}/messages</c> returns in one page.</summary>
    private const int MaxPage = 100;

    /// <summary>
    /// History through <c>GET /channels/{id}/messages</c> (newest first on the wire, oldest first here). This is also
    /// how messages posted while the bridge was down arrive: the Gateway does not replay across a restart, the core's
    /// catch-up asks for what came after the newest bridged message. Our own webhook's messages came from Matrix.
    /// </summary>
    public async Task<IReadOnlyList<RemoteMessage>?> FetchMessagesAsync(BackfillRequest request, CancellationToken ct)
    {
        var channelId = request.Portal.Id.Value;
        if (_cache.Guilds.ContainsKey(channelId) || (_cache.Channels.TryGetValue(channelId, out var channel) && channel.Type is DiscordChannel.Category or DiscordChannel.Forum))
        {
            // Spaces have no history of their own; a forum's posts are threads.
            return [];
        }

        IReadOnlyList<DiscordMessage> page;
        try
        {
            page = await _rest.GetMessagesAsync(channelId, request.After is null ? request.Before?.Id.Value : null, request.After?.Id.Value,
                Math.Clamp(request.Limit, 1, MaxPage), ct).ConfigureAwait(false);
        }
        catch (DiscordApiException e) when (e.Status is 403 or 404)
        {
            // Missing Read Message History, or the channel is gone.
            return null;
        }

        var guildId = _cache.Channels.TryGetValue(channelId, out var known) ? known.GuildId : null;
        var messages = new List<RemoteMessage>(page.Count);
        foreach (var message in page.OrderBy(m => ulong.Parse(m.Id, System.Globalization.CultureInfo.InvariantCulture)))
        {
            if (!UserMessageTypes.Contains(message.Type) || message.Author.Id == _botId
                || (message.WebhookId is { } webhook && await _webhooks.IsOwnAsync(webhook, channelId, ct).ConfigureAwait(false)))
            {
                continue;
            }

            messages.Add(ToRemoteMessage(message, guildId));
        }

        return messages;
    }
}
