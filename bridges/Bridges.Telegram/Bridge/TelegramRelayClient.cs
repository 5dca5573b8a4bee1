using System.Collections.Concurrent;
using System.Globalization;
using Bridges.Core.Content;
using Bridges.Core.Logins;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Bridges.Core.Security;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Bridges.Telegram.Bridge;

/// <summary>
/// A bot's connection (the relay bot, or a user's personal bot): long-polls getUpdates (or takes webhook calls), pushes
/// each update's events and only then stores the next offset, so a restart neither loses nor repeats an update (a
/// repeat after a crash is deduplicated by the core's message map). A personal bot's chats are its owner's portals.
/// </summary>
internal sealed partial class TelegramRelayClient : INetworkClient, IEditSender, IRedactionSender, IReactionSender, IPortalScope
{
    private static readonly UpdateType[] AllowedUpdates = [UpdateType.Message, UpdateType.EditedMessage, UpdateType.MessageReaction];

    private readonly TelegramConnector _connector;
    private readonly UserLogin _login;
    private readonly bool _personal;
    private readonly Secret _token;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(100) };
    private readonly TelegramBotClient _bot;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<long, User> _users = new();
    private readonly ConcurrentDictionary<string, long> _usernames = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<long, long> _portalOfChat = new();
    private readonly ConcurrentDictionary<long, long> _chatOfPortal = new();
    private readonly ConcurrentDictionary<long, bool> _forums = new();
    private readonly ConcurrentDictionary<long, bool> _privacyChecked = new();
    private bool _privacyMode;
    private CancellationTokenSource? _stop;
    private Task? _polling;

    public TelegramRelayClient(TelegramConnector connector, UserLogin login, Secret token, bool personal)
    {
        _connector = connector;
        _login = login;
        _personal = personal;
        _token = token;
        _bot = new TelegramBotClient(new TelegramBotClientOptions(token.Reveal(), connector.Options.ApiBaseUrl.TrimEnd('/')), _http);
        _logger = connector.Loggers.CreateLogger<TelegramRelayClient>();
    }

    private INetworkHost Host => _connector.Host;

    /// <summary>Update ids count per bot: with a new token, polling starts from the new bot's first unconfirmed update.</summary>
    private string OffsetKey => string.Create(CultureInfo.InvariantCulture, $"offset:{_bot.BotId}");

    public async Task ConnectAsync(CancellationToken ct)
    {
        var me = await Call(() => _bot.GetMe(ct)).ConfigureAwait(false);
        _users[me.Id] = me;
        _privacyMode = !me.CanReadAllGroupMessages;
        if (_privacyMode)
        {
            Log.PrivacyModeOn(_logger, me.Username, me.Id);
        }

        var stored = await Host.Store.GetAsync(OffsetKey, ct).ConfigureAwait(false);
        var offset = stored is null ? 0 : int.Parse(stored, CultureInfo.InvariantCulture);
        Log.Connected(_logger, me.Username, me.Id, offset);
        _stop = new CancellationTokenSource();
        if (_connector.Options.Webhook && await StartWebhookAsync(ct).ConfigureAwait(false))
        {
            return;
        }

        // Telegram refuses getUpdates while a webhook is set (e.g. from an earlier webhook-mode run).
        await Call(() => _bot.DeleteWebhook(dropPendingUpdates: false, cancellationToken: ct)).ConfigureAwait(false);
        _polling = Task.Run(() => PollAsync(offset, _stop.Token), CancellationToken.None);
    }

    /// <summary>A personal bot serves only its owner's portals; the relay bot only the shared ones.</summary>
    public bool Serves(PortalKey portal) => _personal ? portal.Receiver == _login.Id : portal.Receiver is null;

    public async Task DisconnectAsync(CancellationToken ct)
    {
        // Webhook mode: Telegram keeps the updates and retries them until the bridge answers again.
        Host.Webhooks.Unregister(WebhookName);
        if (_stop is null || _polling is null)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _polling.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting for Telegram or the core; the stored offset still names the first unbridged update.
        }
    }

    public bool IsThisUser(RemoteUserId user) => TelegramIds.TryParseUser(user, out var id) && id == _bot.BotId;

    public async Task<ChatInfo> GetChatInfoAsync(PortalKey portal, CancellationToken ct)
    {
        if (!TelegramIds.TryParseChat(portal.Id, out var portalChat))
        {
            return new ChatInfo();
        }

        var chatId = await CurrentChatAsync(portalChat, ct).ConfigureAwait(false);
        try
        {
            var chat = await _bot.GetChat(chatId, ct).ConfigureAwait(false);
            var isDirect = chat.Type == ChatType.Private;
            // The Bot API lists only a group's administrators: they join with their rank (owner 100, admin 50); the
            // other members appear as they speak or join.
            List<Core.Network.ChatMember>? members = null;
            if (!isDirect)
            {
                var admins = await _bot.GetChatAdministrators(chatId, cancellationToken: ct).ConfigureAwait(false);
                members = [.. admins.Where(a => a.User.Id != _bot.BotId).Select(a =>
                {
                    Remember(a.User);
                    return new Core.Network.ChatMember(TelegramIds.User(a.User.Id), a is global::Telegram.Bot.Types.ChatMemberOwner ? 100 : 50);
                })];
            }

            return new ChatInfo
            {
                Members = members,
                Name = isDirect ? string.Join(' ', new[] { chat.FirstName, chat.LastName }.Where(n => !string.IsNullOrEmpty(n))) : chat.Title,
                Topic = chat.Description,
                IsDirect = isDirect,
                // A group is as open on Matrix as on Telegram: public (with a @username) or by invitation only.
                IsPublic = _connector.Options.PublicPortals || !string.IsNullOrEmpty(chat.Username),
                AvatarId = chat.Photo?.BigFileUniqueId,
                Avatar = chat.Photo is { } photo ? Media(photo.BigFileId, "image/jpeg", "avatar.jpg", null, null) : null,
            };
        }
        catch (ApiRequestException e)
        {
            Log.ChatInfoFailed(_logger, e, chatId);
            // Unknown whether the chat is public: the portal stays closed unless the bridge opens all of them.
            return new ChatInfo { IsPublic = _connector.Options.PublicPortals };
        }
    }

    /// <summary>Name from the last message seen, avatar from getUserProfilePhotos (the newest photo, largest size).</summary>
    public async Task<UserInfo> GetUserInfoAsync(RemoteUserId user, CancellationToken ct)
    {
        if (!TelegramIds.TryParseUser(user, out var id))
        {
            return new UserInfo();
        }

        var info = _users.TryGetValue(id, out var known) ? new UserInfo { DisplayName = TelegramIds.DisplayName(known) } : new UserInfo();
        try
        {
            var photos = await _bot.GetUserProfilePhotos(id, limit: 1, cancellationToken: ct).ConfigureAwait(false);
            if (photos.Photos is [[.., var largest], ..])
            {
                info = info with { AvatarId = largest.FileUniqueId, Avatar = Media(largest.FileId, "image/jpeg", "avatar.jpg", largest.FileSize, (largest.Width, largest.Height)) };
            }
        }
        catch (Exception e) when (e is ApiRequestException or RequestException or HttpRequestException)
        {
            Log.ProfileFailed(_logger, e, id);
        }

        return info;
    }

    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync(CancellationToken.None).ConfigureAwait(false);
        _stop?.Dispose();
        _http.Dispose();
    }

    private async Task PollAsync(int offset, CancellationToken ct)
    {
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var updates = await _bot.GetUpdates(offset, timeout: _connector.Options.PollingTimeout, allowedUpdates: AllowedUpdates, cancellationToken: ct).ConfigureAwait(false);
                failures = 0;
                // The batch is queued in order and bridged in parallel across chats; the offset moves past it only
                // once all of it is bridged, so a crash meanwhile fetches it again (the core drops what it has).
                var bridging = new List<Task>(updates.Length);
                foreach (var update in updates)
                {
                    bridging.Add(await QueueUpdateAsync(update, ct).ConfigureAwait(false));
                }

                await Task.WhenAll(bridging).ConfigureAwait(false);
                if (updates.Length > 0)
                {
                    offset = updates[^1].Id + 1;
                    await Host.Store.SetAsync(OffsetKey, offset.ToString(CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
                }
            }
            catch (Exception) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Telegram unreachable, a 409 from a second poller, or the core failing a push: wait and fetch again
                // from the last stored offset (the core drops what it already bridged).
                var delay = TimeSpan.FromSeconds(Math.Max(Math.Min(30, Math.Pow(2, failures++)), (e as ApiRequestException)?.Parameters?.RetryAfter ?? 0));
                Log.PollFailed(_logger, e, delay);
                try
                {
                    await Task.Delay(delay, Host.Time, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Queues an update's events on their portals; the task completes once they are bridged.</summary>
    private async Task<Task> QueueUpdateAsync(Update update, CancellationToken ct)
    {
        var events = await ToEventsAsync(update, ct).ConfigureAwait(false);
        if (events.Count == 0)
        {
            Log.UpdateSkipped(_logger, update.Id);
        }

        var receipts = new List<PushReceipt>(events.Count);
        foreach (var evt in events)
        {
            receipts.Add(await Host.Events.PushAsync(evt, ct).ConfigureAwait(false));
        }

        return BridgedAsync(update.Id, receipts);
    }

    private async Task BridgedAsync(int updateId, List<PushReceipt> receipts)
    {
        foreach (var receipt in receipts)
        {
            if (await receipt.Bridged.ConfigureAwait(false) == RemoteEventResult.Failed)
            {
                Log.UpdateNotBridged(_logger, updateId, nameof(RemoteEventResult.Failed));
            }
        }
    }

    private async Task HandleUpdateAsync(Update update, CancellationToken ct) =>
        await (await QueueUpdateAsync(update, ct).ConfigureAwait(false)).WaitAsync(ct).ConfigureAwait(false);

    /// <summary>A file on Telegram, downloaded (getFile, then the file URL) only when the core bridges it.</summary>
    private MediaSource Media(string fileId, string mime, string name, long? size, (int, int)? dimensions, TimeSpan? duration = null) => new()
    {
        MimeType = mime,
        FileName = name,
        Size = size,
        Dimensions = dimensions,
        Duration = duration,
        OpenAsync = async ct =>
        {
            var buffer = new MemoryStream();
            await Call(() => _bot.GetInfoAndDownloadFile(fileId, buffer, ct)).ConfigureAwait(false);
            buffer.Position = 0;
            return buffer;
        },
    };

    /// <summary>The chat a portal's messages go to now: a group upgraded to a supergroup keeps its portal.</summary>
    private Task<long> CurrentChatAsync(long portalChat, CancellationToken ct) => MappedChatAsync(_chatOfPortal, "chat-of-portal", portalChat, ct);

    /// <summary>The portal (its original chat id) of a chat.</summary>
    private Task<long> PortalChatAsync(long chatId, CancellationToken ct) => MappedChatAsync(_portalOfChat, "portal-of-chat", chatId, ct);

    /// <summary>A chat id recorded by a migration (cached; the id itself when none was recorded).</summary>
    private async Task<long> MappedChatAsync(ConcurrentDictionary<long, long> cache, string kind, long chatId, CancellationToken ct)
    {
        if (cache.TryGetValue(chatId, out var mapped))
        {
            return mapped;
        }

        var stored = await Host.Store.GetAsync(string.Create(CultureInfo.InvariantCulture, $"{kind}:{chatId}"), ct).ConfigureAwait(false);
        mapped = stored is null ? chatId : long.Parse(stored, CultureInfo.InvariantCulture);
        cache[chatId] = mapped;
        return mapped;
    }

    private async Task RecordMigrationAsync(long oldChat, long newChat, CancellationToken ct)
    {
        var portal = await PortalChatAsync(oldChat, ct).ConfigureAwait(false);
        if (await PortalChatAsync(newChat, ct).ConfigureAwait(false) == portal)
        {
            return;
        }

        await Host.Store.SetAsync($"portal-of-chat:{newChat}", portal.ToString(CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
        await Host.Store.SetAsync($"chat-of-portal:{portal}", newChat.ToString(CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
        _portalOfChat[newChat] = portal;
        _chatOfPortal[portal] = newChat;
        Log.ChatMigrated(_logger, oldChat, newChat);
    }
}
