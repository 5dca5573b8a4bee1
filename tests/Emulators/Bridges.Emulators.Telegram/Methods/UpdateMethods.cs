using System.Diagnostics;
using System.Text.Json.Nodes;
using Bridges.Emulators.Telegram.Http;
using Bridges.Emulators.Telegram.World;

namespace Bridges.Emulators.Telegram.Methods;

/// <summary>getMe and the two ways of receiving updates: long polling and webhooks.</summary>
internal sealed class UpdateMethods(WebhookDispatcher webhooks, CancellationToken stopping)
{
    public void Register(MethodTable table)
    {
        table.Add("getMe", GetMe);
        table.Add("getUpdates", GetUpdatesAsync);
        table.Add("setWebhook", SetWebhook);
        table.Add("deleteWebhook", DeleteWebhook);
        table.Add("getWebhookInfo", GetWebhookInfo);
    }

    private static JsonNode GetMe(MethodContext ctx)
    {
        var me = ctx.Bot.User.ToJson();
        me["can_join_groups"] = true;
        // Privacy mode on (Telegram's default) means the bot does not read every group message.
        me["can_read_all_group_messages"] = !ctx.Bot.PrivacyMode;
        me["supports_inline_queries"] = false;
        me["can_connect_to_business"] = false;
        me["has_main_web_app"] = false;
        return me;
    }

    private async Task<JsonNode> GetUpdatesAsync(MethodContext ctx)
    {
        var bot = ctx.Bot;
        var limit = Math.Clamp(ctx.Int("limit") ?? 100, 1, 100);
        var timeout = TimeSpan.FromSeconds(Math.Max(0, ctx.Int("timeout") ?? 0));
        CancellationTokenSource poll;
        lock (ctx.World.Gate)
        {
            if (bot.Webhook is not null)
            {
                throw BotApiException.Conflict("can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
            }

            if (ctx.Long("offset") is { } offset)
            {
                bot.Confirm(offset);
            }

            SetAllowedUpdates(ctx);
            // Only one poll per bot: a newer call ends the waiting one with 409, as Telegram does.
            bot.ActivePoll?.Cancel();
            poll = new CancellationTokenSource();
            bot.ActivePoll = poll;
            bot.PollStarted.Notify();
        }

        // The emulator's own shutdown ends a waiting poll too, so that stopping never waits for a poll's timeout.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ctx.Ct, poll.Token, stopping);
        var started = Stopwatch.GetTimestamp();
        try
        {
            while (true)
            {
                Task change;
                lock (ctx.World.Gate)
                {
                    change = bot.UpdatesChanged.Current;
                    if (poll.IsCancellationRequested)
                    {
                        throw Terminated();
                    }

                    if (bot.Updates.Count > 0)
                    {
                        return new JsonArray([.. bot.Updates.Take(limit).Select(u => u.DeepClone())]);
                    }
                }

                var remaining = timeout - Stopwatch.GetElapsedTime(started);
                if (!await ChangeSignal.WaitAsync(change, remaining, linked.Token))
                {
                    return new JsonArray();
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested && !ctx.Ct.IsCancellationRequested)
        {
            return new JsonArray();
        }
        catch (OperationCanceledException) when (poll.IsCancellationRequested && !ctx.Ct.IsCancellationRequested)
        {
            throw Terminated();
        }
        finally
        {
            lock (ctx.World.Gate)
            {
                if (bot.ActivePoll == poll)
                {
                    bot.ActivePoll = null;
                }
            }

            poll.Dispose();
        }

        static BotApiException Terminated() =>
            BotApiException.Conflict("terminated by other getUpdates request; make sure that only one bot instance is running");
    }

    private JsonNode SetWebhook(MethodContext ctx)
    {
        var url = ctx.String("url")!;
        if (url.Length == 0)
        {
            return DeleteWebhook(ctx);
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || !(uri.Scheme == "https" || (uri.Scheme == "http" && ctx.World.Options.AllowInsecureWebhooks)))
        {
            throw BotApiException.BadRequest("bad webhook: An HTTPS URL must be provided for webhook");
        }

        var secret = ctx.String("secret_token");
        if (secret is not null && (secret.Length is 0 or > 256 || !secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')))
        {
            throw BotApiException.BadRequest("secret token contains unallowed characters");
        }

        var maxConnections = ctx.Int("max_connections") ?? 40;
        if (maxConnections is < 1 or > 100)
        {
            throw BotApiException.BadRequest("bad webhook: max_connections must be between 1 and 100");
        }

        lock (ctx.World.Gate)
        {
            var bot = ctx.Bot;
            bot.Webhook?.Stop.Cancel();
            SetAllowedUpdates(ctx);
            if (ctx.Bool("drop_pending_updates"))
            {
                bot.Updates.Clear();
            }

            var hook = new WebhookState(url, secret, maxConnections, ctx.String("ip_address"))
            {
                HasCustomCertificate = ctx.Has("certificate"),
            };
            bot.Webhook = hook;
            bot.ActivePoll?.Cancel();
            webhooks.Start(bot, hook);
        }

        return true;
    }

    private static JsonNode DeleteWebhook(MethodContext ctx)
    {
        lock (ctx.World.Gate)
        {
            ctx.Bot.Webhook?.Stop.Cancel();
            ctx.Bot.Webhook = null;
            if (ctx.Bool("drop_pending_updates"))
            {
                ctx.Bot.Updates.Clear();
            }
        }

        return true;
    }

    private static JsonNode GetWebhookInfo(MethodContext ctx)
    {
        lock (ctx.World.Gate)
        {
            var bot = ctx.Bot;
            var hook = bot.Webhook;
            var info = new JsonObject
            {
                ["url"] = hook?.Url ?? "",
                ["has_custom_certificate"] = hook?.HasCustomCertificate ?? false,
                ["pending_update_count"] = bot.Updates.Count,
            };
            if (hook is not null)
            {
                info["max_connections"] = hook.MaxConnections;
                if (hook.IpAddress is not null)
                {
                    info["ip_address"] = hook.IpAddress;
                }

                if (hook.LastErrorDate is { } date)
                {
                    info["last_error_date"] = date;
                    info["last_error_message"] = hook.LastErrorMessage;
                }

                if (bot.AllowedUpdates is { } allowed)
                {
                    info["allowed_updates"] = new JsonArray([.. allowed.Order(StringComparer.Ordinal).Select(a => (JsonNode)a)]);
                }
            }

            return info;
        }
    }

    /// <summary>allowed_updates: absent keeps the last choice, an empty list restores the default.</summary>
    private static void SetAllowedUpdates(MethodContext ctx)
    {
        if (ctx.Json("allowed_updates") is { } list)
        {
            var types = list.EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal);
            ctx.Bot.AllowedUpdates = types.Count == 0 ? null : types;
        }
    }
}
