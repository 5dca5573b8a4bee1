using Bridges.Core.Network;
using Bridges.Discord.Api;

namespace Bridges.Discord.Bridge;

internal sealed partial class DiscordRelayClient : IDeliveryProbe
{
    /// <summary>How far before the core's mark a message may be stamped and still count (clocks differ).</summary>
    private static readonly TimeSpan ClockSlack = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether a Matrix message sent when the bridge stopped reached Discord. Webhooks take no nonce, so the channel's
    /// newest messages are searched for one from our webhook under the sender's name (or from the bot) with the same
    /// content, stamped since the mark and not mapped to another event yet; the oldest such is the one. Not found
    /// while the page reaches back past the mark means not delivered; a busier channel cannot tell, and the core
    /// sends again.
    /// </summary>
    public async Task<DeliveryProbeResult> ProbeAsync(OutgoingMessage message, DateTimeOffset since, CancellationToken ct)
    {
        var channelId = message.Portal.Id.Value;
        var target = ThreadOf(message.Content.ThreadRoot, channelId) ?? channelId;
        Func<DiscordMessage, bool> ours;
        try
        {
            if (message.Relay is { } relay)
            {
                var webhook = await _webhooks.ForChannelAsync(channelId, _botId!, ct).ConfigureAwait(false);
                var name = WebhookUsername(relay.DisplayName);
                ours = m => m.WebhookId == webhook.Id && m.Author.Username == name;
            }
            else
            {
                ours = m => m.WebhookId is null && m.Author.Id == _botId;
            }

            // Files that went as links are not known without reading them again: such a message is not found here.
            var expected = (string?)(await MessageBodyAsync(message, target, links: string.Empty, ct).ConfigureAwait(false))["content"];
            var recent = await _rest.GetMessagesAsync(target, null, null, MaxPage, ct).ConfigureAwait(false);
            foreach (var candidate in recent.Where(m => m.Timestamp >= since - ClockSlack && ours(m) && m.Content == expected).OrderBy(m => m.Timestamp))
            {
                if (await Host.Messages.FindAnyAsync(DiscordIds.Message(candidate.Id), ct).ConfigureAwait(false) is null)
                {
                    return new DeliveryProbeResult(DeliveryState.Delivered, DiscordIds.Message(candidate.Id), candidate.Timestamp);
                }
            }

            var reachesBack = recent.Count < MaxPage || recent.Any(m => m.Timestamp < since - ClockSlack);
            return new DeliveryProbeResult(reachesBack ? DeliveryState.NotDelivered : DeliveryState.Unknown);
        }
        catch (DiscordApiException e)
        {
            Log.ProbeFailed(_logger, e, channelId);
            return new DeliveryProbeResult(DeliveryState.Unknown);
        }
    }
}
