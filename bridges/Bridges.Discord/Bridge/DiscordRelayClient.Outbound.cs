using System.Text.Json.Nodes;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Bridges.Discord.Api;

namespace Bridges.Discord.Bridge;

internal sealed partial class DiscordRelayClient
{
    /// <summary>
    /// A Matrix message: through the channel's webhook with the sender's name and avatar (waiting for the message so
    /// its id is mapped), files as multipart uploads with the text as their caption. Webhooks cannot reply, so a reply quotes its target's first line. Without relay info (not
    /// expected: the bot has no Matrix owner) the bot posts itself, with a real reply.
    /// </summary>
    public async Task<SendResult> SendMessageAsync(OutgoingMessage message, CancellationToken ct)
    {
        var channelId = message.Portal.Id.Value;
        var thread = ThreadOf(message.Content.ThreadRoot, channelId);
        var (files, links) = await UploadsAsync(message, ct).ConfigureAwait(false);
        var body = await MessageBodyAsync(message, thread ?? channelId, links, ct).ConfigureAwait(false);
        DescribeFiles(body, files);
        DiscordMessage sent;
        try
        {
            if (message.Relay is { } relay)
            {
                body["username"] = WebhookUsername(relay.DisplayName);
                if (relay.AvatarUrl is { } avatar && Uri.TryCreate(avatar, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http")
                {
                    body["avatar_url"] = avatar;
                }

                var webhook = await _webhooks.ForChannelAsync(channelId, _botId!, ct).ConfigureAwait(false);
                sent = await _rest.ExecuteWebhookAsync(webhook.Id, webhook.Token!, body, files, thread, ct).ConfigureAwait(false);
            }
            else
            {
                body["nonce"] = message.EchoToken.Length <= 25 ? message.EchoToken : message.EchoToken[..25];
                if (message.Content.ReplyTo is { } reply)
                {
                    body["message_reference"] = new JsonObject { ["message_id"] = reply.Value, ["fail_if_not_exists"] = false };
                }

                sent = await _rest.CreateMessageAsync(thread ?? channelId, body, files, ct).ConfigureAwait(false);
            }
        }
        catch (DiscordApiException e)
        {
            throw new RemotePermanentException($"Discord refused the message: {e.Message}", e);
        }

        return new SendResult(DiscordIds.Message(sent.Id), sent.Timestamp);
    }

    /// <summary>
    /// The JSON body's text and mentions as Discord gets them, the delivery probe's yardstick too: markdown, the links
    /// of files that went as links, and for a relayed reply the quote of its target (webhooks cannot reply).
    /// </summary>
    private async Task<JsonObject> MessageBodyAsync(OutgoingMessage message, string target, string links, CancellationToken ct)
    {
        var (text, mentioned) = DiscordMarkdown.FromBridged(message.Content, EmojiMarkdown);
        if (links.Length > 0)
        {
            text = text.Length == 0 ? links : text + "\n" + links;
        }

        if (message.Relay is not null)
        {
            text = await QuoteAsync(message.Content.ReplyTo, target, ct).ConfigureAwait(false) + text;
        }

        return Body(text, mentioned);
    }

    public async Task SendEditAsync(OutgoingEdit edit, CancellationToken ct)
    {
        var channelId = edit.Portal.Id.Value;
        var (text, mentioned) = DiscordMarkdown.FromBridged(edit.NewContent, EmojiMarkdown);
        var thread = ThreadOf(edit.NewContent.ThreadRoot, channelId);
        var webhook = await _webhooks.ForChannelAsync(channelId, _botId!, ct).ConfigureAwait(false);
        try
        {
            await _rest.EditWebhookMessageAsync(webhook.Id, webhook.Token!, edit.TargetId.Value, Body(text, mentioned), thread, ct).ConfigureAwait(false);
        }
        catch (DiscordApiException e) when (e.Code == 10008 && thread is null)
        {
            // Not the webhook's (the bot posted it): edit as the bot.
            await _rest.EditMessageAsync(channelId, edit.TargetId.Value, Body(text, mentioned), ct).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes through the webhook when it is a relayed message, else as the bot (which needs Manage Messages).</summary>
    public async Task SendRedactionAsync(OutgoingRedaction redaction, CancellationToken ct)
    {
        var channelId = redaction.Portal.Id.Value;
        var webhook = await _webhooks.ForChannelAsync(channelId, _botId!, ct).ConfigureAwait(false);
        try
        {
            await _rest.DeleteWebhookMessageAsync(webhook.Id, webhook.Token!, redaction.TargetId.Value, null, ct).ConfigureAwait(false);
        }
        catch (DiscordApiException e) when (e.Code == 10008)
        {
            try
            {
                await _rest.DeleteMessageAsync(channelId, redaction.TargetId.Value, ct).ConfigureAwait(false);
            }
            catch (DiscordApiException again)
            {
                throw new RemotePermanentException($"Discord refused the deletion: {again.Message}", again);
            }
        }
    }

    /// <summary>The bot reacts (webhooks cannot): every Matrix user's reaction with one emoji counts once on Discord.</summary>
    public async Task<RemoteReactionId?> SendReactionAsync(OutgoingReaction reaction, CancellationToken ct)
    {
        try
        {
            await _rest.AddReactionAsync(reaction.Portal.Id.Value, reaction.TargetId.Value, EmojiRoute(reaction.Key), ct).ConfigureAwait(false);
        }
        catch (DiscordApiException e)
        {
            throw new RemotePermanentException($"Discord refused the reaction: {e.Message}", e);
        }

        return null;
    }

    public Task RemoveReactionAsync(OutgoingReactionRemoval removal, CancellationToken ct) =>
        _rest.RemoveReactionAsync(removal.Portal.Id.Value, removal.TargetId.Value, EmojiRoute(removal.Key), ct);

    /// <summary>Discord has no "stopped typing": starting lasts 10 seconds, so only starts are sent.</summary>
    public Task SendTypingAsync(PortalKey portal, bool typing, CancellationToken ct) =>
        typing ? _rest.TriggerTypingAsync(portal.Id.Value, ct) : Task.CompletedTask;

    private string? EmojiMarkdown(string alt) => _cache.EmojiMarkdown.TryGetValue(alt, out var markdown) ? markdown : null;

    private string EmojiRoute(string key) => _cache.CustomEmoji.TryGetValue(key, out var custom) ? custom : key;

    /// <summary>Who may be pinged: only the users mentioned, never @everyone, @here or roles from Matrix text.</summary>
    private static JsonObject Body(string content, IReadOnlyList<string> mentioned) => new()
    {
        ["content"] = content.Length > DiscordMarkdown.MaxContentLength ? content[..DiscordMarkdown.MaxContentLength] : content,
        ["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray(), ["users"] = new JsonArray([.. mentioned.Select(m => (JsonNode)m)]) },
    };

    /// <summary>The thread a Matrix thread root names, when that thread is known to exist in this channel.</summary>
    private string? ThreadOf(RemoteMessageId? root, string channelId) =>
        DiscordIds.ThreadChannel(root) is { } thread && _cache.Channels.TryGetValue(thread, out var channel) && channel.IsThread && channel.ParentId == channelId ? thread : null;

    private async Task<string> QuoteAsync(RemoteMessageId? replyTo, string channelId, CancellationToken ct)
    {
        if (replyTo is not { } target)
        {
            return string.Empty;
        }

        try
        {
            var messages = await _rest.GetMessagesAsync(channelId, null, DecrementSnowflake(target.Value), 1, ct).ConfigureAwait(false);
            if (messages.FirstOrDefault(m => m.Id == target.Value) is not { } original)
            {
                return string.Empty;
            }

            var line = original.Content.Split('\n')[0];
            line = line.Length > 100 ? line[..100] + "…" : line;
            return $"> <@{original.Author.Id}> {line}\n";
        }
        catch (DiscordApiException)
        {
            return string.Empty;
        }
    }

    private static string? DecrementSnowflake(string id) => ulong.TryParse(id, out var value) && value > 0
        ? (value - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>Webhook usernames are 1–80 characters and may not contain "discord" or "clyde" (the webhook docs).</summary>
    internal static string WebhookUsername(string name)
    {
        // One letter swapped for a digit, keeping the rest as the user wrote it.
        var safe = System.Text.RegularExpressions.Regex.Replace(name, "(?i)(d)i(scord)|(c)l(yde)", m => m.Groups[1].Success ? $"{m.Groups[1]}1{m.Groups[2]}" : $"{m.Groups[3]}1{m.Groups[4]}",
            System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)).Trim();
        if (safe.Length == 0)
        {
            safe = "Matrix user";
        }

        return safe.Length > 80 ? safe[..80] : safe;
    }
}
