using System.Text.Json;
using System.Text.Json.Nodes;
using Bridges.Emulators.Discord.Gateway;
using Bridges.Emulators.Discord.Validation;
using Bridges.Emulators.Discord.World;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Bridges.Emulators.Discord.Rest;

/// <summary>
/// The REST API under <c>/api/v10</c>: finds the operation in the OpenAPI description, checks the bot token
/// (<c>Authorization: Bot …</c>; webhook-token routes need none), applies rate limits, checks the JSON body, runs the
/// handler and checks the answer. Requests the spec refuses get 400 and a recorded violation.
/// </summary>
internal sealed partial class RestApi(WorldState world, OpenApiSpec spec, RateLimits limits, GatewayServer gateway, Func<string> baseUrl)
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    public async Task HandleAsync(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var pathOnly = raw.Split('?')[0];
        var segments = pathOnly.Trim('/').Split('/').Skip(2).Select(Uri.UnescapeDataString).ToList();
        var method = context.Request.Method;
        var operation = spec.Find(method, segments);
        if (operation is null)
        {
            Record(SpecViolationKind.Unsupported, $"{method} /{string.Join('/', segments)}", "no such operation in the OpenAPI description");
            await WriteAsync(context, null, ApiResult.Error(404, 0, "404: Not Found")).ConfigureAwait(false);
            return;
        }

        EmulatedUser? bot = null;
        if (!operation.Name.Contains("{webhook_token}", StringComparison.Ordinal))
        {
            var auth = context.Request.Headers.Authorization.ToString();
            lock (world.Gate)
            {
                bot = auth.StartsWith("Bot ", StringComparison.Ordinal) ? world.Users.Values.FirstOrDefault(u => u.Token == auth[4..]) : null;
            }

            if (bot is null)
            {
                await WriteAsync(context, operation, ApiResult.Error(401, 0, "401: Unauthorized")).ConfigureAwait(false);
                return;
            }
        }

        JsonElement? body = null;
        IReadOnlyList<UploadedFile> files = [];
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            if (context.Request.ContentType?.StartsWith("multipart/form-data", StringComparison.Ordinal) == true && UploadOperations.Contains(operation.Id))
            {
                var form = await ReadMultipartAsync(context, operation).ConfigureAwait(false);
                if (form.Refusal is { } refusal)
                {
                    await WriteAsync(context, operation, refusal).ConfigureAwait(false);
                    return;
                }

                body = form.Body;
                files = form.Files;
            }
            else if (context.Request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) != true)
            {
                Record(SpecViolationKind.Unsupported, operation.Name, $"content type {context.Request.ContentType} is not emulated");
                await WriteAsync(context, operation, ApiResult.Error(400, 50035, "Invalid Form Body")).ConfigureAwait(false);
                return;
            }

            else
            {
                try
                {
                    using var document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted).ConfigureAwait(false);
                    body = document.RootElement.Clone();
                }
                catch (JsonException e)
                {
                    Record(SpecViolationKind.Request, operation.Name, $"body is not JSON: {e.Message}");
                    await WriteAsync(context, operation, ApiResult.Error(400, 50109, "The request body contains invalid JSON.")).ConfigureAwait(false);
                    return;
                }
            }

            if (body is { } parsed && spec.CheckRequest(operation, parsed) is { Count: > 0 } problems)
            {
                Record(SpecViolationKind.Request, operation.Name, string.Join("; ", problems));
                await WriteAsync(context, operation, ApiResult.Error(400, 50035, "Invalid Form Body: " + problems[0])).ConfigureAwait(false);
                return;
            }
        }

        var who = bot?.Id ?? "webhook:" + operation.Parameters.GetValueOrDefault("webhook_id");
        var major = operation.Parameters.GetValueOrDefault("channel_id") ?? operation.Parameters.GetValueOrDefault("guild_id")
            ?? operation.Parameters.GetValueOrDefault("webhook_id") ?? string.Empty;
        if (limits.Take(context.Response, who, operation.Name, major) is { } limited)
        {
            var refusal = new JsonObject
            {
                ["message"] = "You are being rate limited.",
                ["retry_after"] = limited.RetryAfter,
                ["global"] = limited.Global,
            };
            await WriteAsync(context, operation, new ApiResult(429, refusal)).ConfigureAwait(false);
            return;
        }

        var call = new RestCall(operation, body, context.Request.Query, bot) { Files = files };
        ApiResult result;
        lock (world.Gate)
        {
            result = Dispatch(call);
            world.Changed();
        }

        await WriteAsync(context, operation, result).ConfigureAwait(false);
    }

    private ApiResult Dispatch(RestCall call) => call.Operation.Id switch
    {
        "get_bot_gateway" => ApiResult.Ok(new JsonObject
        {
            ["url"] = gateway.Url,
            ["shards"] = 1,
            ["session_start_limit"] = new JsonObject { ["total"] = 1000, ["remaining"] = 999, ["reset_after"] = 14400000, ["max_concurrency"] = 1 },
        }),
        "get_my_user" => ApiResult.Ok(DiscordJson.CurrentUser(call.Bot!)),
        "get_user" => world.Users.TryGetValue(call["user_id"], out var user) ? ApiResult.Ok(DiscordJson.User(user)) : ApiResult.Error(404, 10013, "Unknown User"),
        "get_channel" => world.Channels.TryGetValue(call["channel_id"], out var channel) && Sees(call.Bot!, channel.GuildId)
            ? ApiResult.Ok(DiscordJson.Channel(channel)) : ApiResult.UnknownChannel,
        "list_guild_channels" => Sees(call.Bot!, call["guild_id"])
            ? ApiResult.Ok(new JsonArray([.. world.Channels.Values.Where(c => c.GuildId == call["guild_id"] && c.Type != EmulatedChannel.PublicThread).Select(c => (JsonNode)DiscordJson.Channel(c))]))
            : ApiResult.Error(404, 10004, "Unknown Guild"),
        "list_messages" => ListMessages(call),
        "get_message" => InChannel(call, out var found) is { } fail ? fail : ApiResult.Ok(DiscordJson.Message(found!, world)),
        "create_message" => CreateMessage(call),
        "update_message" => UpdateMessage(call),
        "delete_message" => DeleteMessage(call),
        "add_my_message_reaction" => React(call, add: true),
        "delete_my_message_reaction" => React(call, add: false),
        "create_webhook" => CreateWebhook(call),
        "list_channel_webhooks" => ListWebhooks(call),
        "execute_webhook" => ExecuteWebhook(call),
        "get_webhook_message" => WebhookMessage(call, out var own) is { } failure ? failure : ApiResult.Ok(DiscordJson.Message(own!, world)),
        "update_webhook_message" => UpdateWebhookMessage(call),
        "delete_webhook_message" => DeleteWebhookMessage(call),
        "trigger_typing_indicator" => Typing(call),
        _ => Unsupported(call),
    };

    private ApiResult Unsupported(RestCall call)
    {
        Record(SpecViolationKind.Unsupported, call.Operation.Name, "not emulated");
        return ApiResult.Error(400, 0, "not emulated");
    }

    /// <summary>Whether the bot is a member of the guild.</summary>
    private bool Sees(EmulatedUser bot, string guildId) => world.Members.TryGetValue(guildId, out var members) && members.Contains(bot.Id);

    private async Task WriteAsync(HttpContext context, SpecOperation? operation, ApiResult result)
    {
        lock (world.Gate)
        {
            world.Requests.Add($"{context.Request.Method} {context.Request.Path} → {result.Status}");
        }

        if (operation is not null && result.Body is not null && result.Status != 401)
        {
            using var document = JsonDocument.Parse(result.Body.ToJsonString(Compact));
            if (spec.CheckResponse(operation, result.Status, document.RootElement) is { Count: > 0 } problems)
            {
                Record(SpecViolationKind.Response, operation.Name, string.Join("; ", problems));
            }
        }

        context.Response.StatusCode = result.Status;
        if (result.Body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(result.Body.ToJsonString(Compact), context.RequestAborted).ConfigureAwait(false);
        }
    }

    private void Record(SpecViolationKind kind, string operation, string detail)
    {
        lock (world.Gate)
        {
            world.Violations.Add(new SpecViolation(kind, operation, detail));
        }
    }
}
