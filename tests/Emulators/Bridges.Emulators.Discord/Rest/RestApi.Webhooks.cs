using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Bridges.Emulators.Discord.World;

namespace Bridges.Emulators.Discord.Rest;

internal sealed partial class RestApi
{
    private ApiResult CreateWebhook(RestCall call)
    {
        if (Channel(call, out var channel) is { } fail)
        {
            return fail;
        }

        var name = call.Text("name") ?? string.Empty;
        // The webhook docs: names may not contain "clyde" or "discord" (case-insensitive).
        if (name.Contains("clyde", StringComparison.OrdinalIgnoreCase) || name.Contains("discord", StringComparison.OrdinalIgnoreCase))
        {
            return ApiResult.Error(400, 50035, "Invalid Form Body: name");
        }

        if (world.Webhooks.Values.Count(w => w.ChannelId == channel!.Id) >= 15)
        {
            return ApiResult.Error(400, 30007, "Maximum number of webhooks reached (15)");
        }

        var webhook = new EmulatedWebhook(world.NextId(), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), channel!.Id, channel.GuildId, name, call.Bot!.Id);
        world.Webhooks[webhook.Id] = webhook;
        return ApiResult.Ok(DiscordJson.Webhook(webhook, world, baseUrl()));
    }

    private ApiResult ListWebhooks(RestCall call) => Channel(call, out var channel) is { } fail
        ? fail
        : ApiResult.Ok(new JsonArray([.. world.Webhooks.Values.Where(w => w.ChannelId == channel!.Id).Select(w => (JsonNode)DiscordJson.Webhook(w, world, baseUrl()))]));

    private EmulatedWebhook? Webhook(RestCall call) =>
        world.Webhooks.TryGetValue(call["webhook_id"], out var webhook) && webhook.Token == call["webhook_token"] ? webhook : null;

    /// <summary>Posts as the webhook with the call's username, avatar and files; <c>?wait=true</c> answers with the message.</summary>
    private ApiResult ExecuteWebhook(RestCall call)
    {
        if (Webhook(call) is not { } webhook)
        {
            return ApiResult.UnknownWebhook;
        }

        if (Attachments(call, webhook.GuildId, out var attachments) is { } refused)
        {
            return refused;
        }

        var content = call.Text("content") ?? string.Empty;
        if (content.Length == 0 && attachments.Count == 0)
        {
            return ApiResult.Error(400, 50006, "Cannot send an empty message");
        }

        var username = call.Text("username");
        if (username is not null && (username.Contains("clyde", StringComparison.OrdinalIgnoreCase) || username.Contains("discord", StringComparison.OrdinalIgnoreCase)))
        {
            return ApiResult.Error(400, 50035, "Invalid Form Body: username");
        }

        var channel = world.Channels[webhook.ChannelId];
        if (call.Query["thread_id"].ToString() is { Length: > 0 } threadId)
        {
            if (!world.Channels.TryGetValue(threadId, out var thread) || thread.ParentId != channel.Id)
            {
                return ApiResult.UnknownChannel;
            }

            channel = thread;
        }

        var message = Actions.Post(channel, webhook.Id, content, webhook: webhook, username: username, avatarUrl: call.Text("avatar_url"), attachments: attachments);
        return string.Equals(call.Query["wait"], "true", StringComparison.OrdinalIgnoreCase) ? ApiResult.Ok(DiscordJson.Message(message, world)) : ApiResult.NoContent;
    }

    private ApiResult? WebhookMessage(RestCall call, out EmulatedMessage? message)
    {
        message = null;
        if (Webhook(call) is not { } webhook)
        {
            return ApiResult.UnknownWebhook;
        }

        message = world.Message(call["message_id"]);
        return message is null || message.WebhookId != webhook.Id ? ApiResult.UnknownMessage : null;
    }

    private ApiResult UpdateWebhookMessage(RestCall call)
    {
        if (WebhookMessage(call, out var message) is { } fail)
        {
            return fail;
        }

        var edited = Actions.Edit(message!, call.Text("content") ?? message!.Content);
        return ApiResult.Ok(DiscordJson.Message(edited, world));
    }

    private ApiResult DeleteWebhookMessage(RestCall call)
    {
        if (WebhookMessage(call, out var message) is { } fail)
        {
            return fail;
        }

        Actions.Delete(message!);
        return ApiResult.NoContent;
    }
}
