using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bridges.Emulators.Discord.World;

namespace Bridges.Emulators.Discord.Rest;

internal sealed partial class RestApi
{
    /// <summary>Discord's limit for a message's content (4000 only with Nitro, which bots lack).</summary>
    public const int MaxContentLength = 2000;

    private WorldActions Actions => new(world, gateway);

    private ApiResult? Channel(RestCall call, out EmulatedChannel? channel)
    {
        if (world.Channels.TryGetValue(call["channel_id"], out channel) && Sees(call.Bot!, channel.GuildId))
        {
            return null;
        }

        return ApiResult.UnknownChannel;
    }

    private ApiResult? InChannel(RestCall call, out EmulatedMessage? message)
    {
        message = null;
        if (Channel(call, out _) is { } fail)
        {
            return fail;
        }

        message = world.Message(call["message_id"]);
        return message is null || message.ChannelId != call["channel_id"] ? ApiResult.UnknownMessage : null;
    }

    /// <summary>Newest first, as Discord lists them; <c>before</c>/<c>after</c>/<c>limit</c> (1–100, default 50).</summary>
    private ApiResult ListMessages(RestCall call)
    {
        if (Channel(call, out var channel) is { } fail)
        {
            return fail;
        }

        var limit = int.TryParse(call.Query["limit"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : 50;
        if (limit is < 1 or > 100)
        {
            return ApiResult.Error(400, 50035, "Invalid Form Body: limit");
        }

        IEnumerable<EmulatedMessage> messages = world.Messages.Values.Where(m => m.ChannelId == channel!.Id);
        if (long.TryParse(call.Query["before"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var before))
        {
            messages = messages.Where(m => long.Parse(m.Id, CultureInfo.InvariantCulture) < before);
        }

        if (long.TryParse(call.Query["after"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var after))
        {
            // With after, Discord returns the oldest ones after the anchor (still newest first within the page).
            messages = messages.Where(m => long.Parse(m.Id, CultureInfo.InvariantCulture) > after).Take(limit);
        }

        var page = messages.Reverse().Take(limit).Select(m => (JsonNode)DiscordJson.Message(m, world, withContent: true));
        return ApiResult.Ok(new JsonArray([.. page]));
    }

    private ApiResult CreateMessage(RestCall call)
    {
        if (Channel(call, out var channel) is { } fail)
        {
            return fail;
        }

        if (Attachments(call, channel!.GuildId, out var attachments) is { } refused)
        {
            return refused;
        }

        var content = call.Text("content") ?? string.Empty;
        if (content.Length == 0 && attachments.Count == 0)
        {
            return ApiResult.Error(400, 50006, "Cannot send an empty message");
        }

        if (content.Length > MaxContentLength)
        {
            return ApiResult.Error(400, 50035, "Invalid Form Body: content: Must be 2000 or fewer in length.");
        }

        string? replyTo = null;
        if (call.Body!.Value.TryGetProperty("message_reference", out var reference) && reference.ValueKind == JsonValueKind.Object)
        {
            replyTo = reference.GetProperty("message_id").GetString();
            if (world.Message(replyTo!) is null)
            {
                return ApiResult.Error(400, 50035, "Invalid Form Body: message_reference: Unknown message");
            }
        }

        var nonce = call.Body.Value.TryGetProperty("nonce", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        var message = Actions.Post(channel!, call.Bot!.Id, content, replyTo, nonce, attachments: attachments);
        return ApiResult.Ok(DiscordJson.Message(message, world));
    }

    private ApiResult UpdateMessage(RestCall call)
    {
        if (InChannel(call, out var message) is { } fail)
        {
            return fail;
        }

        if (message!.AuthorId != call.Bot!.Id || message.WebhookId is not null)
        {
            return ApiResult.Error(403, 50005, "Cannot edit a message authored by another user");
        }

        var edited = Actions.Edit(message, call.Text("content") ?? message.Content);
        return ApiResult.Ok(DiscordJson.Message(edited, world));
    }

    private ApiResult DeleteMessage(RestCall call)
    {
        if (InChannel(call, out var message) is { } fail)
        {
            return fail;
        }

        // The bot is taken to have MANAGE_MESSAGES, so it may delete anyone's message.
        Actions.Delete(message!);
        return ApiResult.NoContent;
    }

    /// <summary>The path's emoji: a URL-encoded unicode emoji or <c>name:id</c> for a custom one.</summary>
    private ApiResult React(RestCall call, bool add)
    {
        if (InChannel(call, out var message) is { } fail)
        {
            return fail;
        }

        var emoji = call["emoji_name"];
        var colon = emoji.IndexOf(':', StringComparison.Ordinal);
        var (name, id) = colon < 0 ? (emoji, (string?)null) : (emoji[..colon], emoji[(colon + 1)..]);
        if (name.Length == 0 || (id is not null && !id.All(char.IsAsciiDigit)))
        {
            return ApiResult.Error(400, 10014, "Unknown Emoji");
        }

        Actions.React(message!, call.Bot!.Id, name, id, add);
        return ApiResult.NoContent;
    }

    private ApiResult Typing(RestCall call)
    {
        if (Channel(call, out var channel) is { } fail)
        {
            return fail;
        }

        Actions.Typing(channel!, call.Bot!.Id);
        return ApiResult.NoContent;
    }
}
