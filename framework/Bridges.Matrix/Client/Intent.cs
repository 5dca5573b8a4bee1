using System.Collections.Concurrent;
using System.Text.Json.Serialization.Metadata;
using Bridges.Matrix.Errors;
using Bridges.Matrix.Events;
using Bridges.Matrix.Ids;
using Microsoft.Extensions.Logging;
using EventId = Bridges.Matrix.Ids.EventId;

namespace Bridges.Matrix.Client;

/// <summary>
/// Acts as one Matrix user the appservice controls (the bot, a ghost, or a double-puppeted real user).
/// Every action first makes sure the user is registered and, for room actions, joined; both are cached so
/// hot paths make no redundant calls. Obtain intents from <see cref="AppServiceIntents"/>.
/// </summary>
public sealed class Intent
{
    private readonly MatrixClient _client;
    private readonly AppServiceIntents _owner;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<RoomId, byte> _joined = new();
    private readonly SemaphoreSlim _registerLock = new(1, 1);
    private volatile bool _registered;
    private string? _displayName;
    private string? _avatarUrl;

    internal Intent(UserId userId, MatrixClient client, AppServiceIntents owner, bool isBot, bool ownToken, ILogger logger, bool exists = false)
    {
        UserId = userId;
        _client = client;
        _owner = owner;
        IsBot = isBot;
        _logger = logger;
        // The bot exists once the homeserver loaded the registration; a user with its own token exists already.
        _registered = isBot || ownToken || exists;
        AssertedUser = ownToken ? null : userId;
    }

    /// <summary>The user this intent acts as.</summary>
    public UserId UserId { get; }

    /// <summary>True for the appservice's bot user.</summary>
    public bool IsBot { get; }

    /// <summary>The underlying client, for calls the intent does not wrap.</summary>
    public MatrixClient Client => _client;

    private UserId? AssertedUser { get; }

    /// <summary>Registers the user unless already done (<c>M_USER_IN_USE</c> counts as done).</summary>
    public async Task EnsureRegisteredAsync(CancellationToken ct)
    {
        if (_registered)
        {
            return;
        }

        await _registerLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (!_registered)
            {
                await _client.RegisterAppServiceUserAsync(UserId.Localpart, ct).ConfigureAwait(false);
                _registered = true;
                Log.Registered(_logger, UserId.Value);
            }
        }
        finally
        {
            _registerLock.Release();
        }
    }

    /// <summary>Joins the room unless known to be joined; invites itself through the bot when the room is invite-only.</summary>
    public async Task EnsureJoinedAsync(RoomId room, CancellationToken ct)
    {
        if (_joined.ContainsKey(room))
        {
            return;
        }

        await EnsureRegisteredAsync(ct).ConfigureAwait(false);
        try
        {
            await _client.JoinAsync(room.Value, AssertedUser, ct).ConfigureAwait(false);
        }
        catch (MatrixException e) when (e.Errcode == MatrixErrorCodes.Forbidden && !IsBot)
        {
            var bot = _owner.Bot;
            await bot.EnsureJoinedAsync(room, ct).ConfigureAwait(false);
            await bot.InviteAsync(room, UserId, ct).ConfigureAwait(false);
            await _client.JoinAsync(room.Value, AssertedUser, ct).ConfigureAwait(false);
        }

        _joined[room] = 0;
        Log.Joined(_logger, UserId.Value, room.Value);
    }

    /// <summary>True when this intent knows it is joined to <paramref name="room"/> (joined itself or saw its join).</summary>
    public bool IsKnownJoined(RoomId room) => _joined.ContainsKey(room);

    /// <summary>Records a membership change seen in a transaction so the join cache stays true.</summary>
    public void ObserveMembership(RoomId room, string membership)
    {
        if (membership == Membership.Join)
        {
            _joined[room] = 0;
        }
        else
        {
            _joined.TryRemove(room, out _);
        }
    }

    /// <summary>Sends an <c>m.room.message</c>.</summary>
    public Task<EventId> SendMessageAsync(RoomId room, MessageContent content, string? txnId, CancellationToken ct) =>
        SendEventAsync(room, EventTypes.Message, content, MatrixJsonContext.Default.MessageContent, txnId, null, ct);

    /// <summary>Sends an <c>m.room.message</c> dated <paramref name="timestamp"/> when set (bridged history; appservice <c>ts</c>).</summary>
    public Task<EventId> SendMessageAsync(RoomId room, MessageContent content, string? txnId, DateTimeOffset? timestamp, CancellationToken ct) =>
        SendEventAsync(room, EventTypes.Message, content, MatrixJsonContext.Default.MessageContent, txnId, timestamp, ct);

    /// <summary>Sends any room event; <paramref name="txnId"/> makes retries idempotent (a random one is used when null).</summary>
    public Task<EventId> SendEventAsync<T>(RoomId room, string eventType, T content, JsonTypeInfo<T> type, string? txnId, CancellationToken ct) =>
        SendEventAsync(room, eventType, content, type, txnId, null, ct);

    /// <summary>
    /// Sends any room event, dated <paramref name="timestamp"/> when set: appservice timestamp massaging, which the
    /// homeserver honours for requests made with an appservice token only (not for a user's own access token).
    /// </summary>
    public async Task<EventId> SendEventAsync<T>(RoomId room, string eventType, T content, JsonTypeInfo<T> type, string? txnId, DateTimeOffset? timestamp, CancellationToken ct)
    {
        await EnsureJoinedAsync(room, ct).ConfigureAwait(false);
        return await _client.SendEventAsync(room, eventType, content, type, txnId ?? MatrixClient.NewTransactionId(), AssertedUser, timestamp, ct).ConfigureAwait(false);
    }

    /// <summary>Reacts to an event with <paramref name="key"/>.</summary>
    public Task<EventId> ReactAsync(RoomId room, EventId target, string key, string? txnId, CancellationToken ct) =>
        SendEventAsync(room, EventTypes.Reaction, new ReactionContent(RelatesTo.Annotation(target, key)), MatrixJsonContext.Default.ReactionContent, txnId, ct);

    /// <summary>Sets a state event.</summary>
    public async Task<EventId> SendStateAsync<T>(RoomId room, string eventType, string stateKey, T content, JsonTypeInfo<T> type, CancellationToken ct)
    {
        await EnsureJoinedAsync(room, ct).ConfigureAwait(false);
        return await _client.SendStateAsync(room, eventType, stateKey, content, type, AssertedUser, ct).ConfigureAwait(false);
    }

    /// <summary>Redacts an event.</summary>
    public async Task<EventId> RedactAsync(RoomId room, EventId target, string? reason, string? txnId, CancellationToken ct)
    {
        await EnsureJoinedAsync(room, ct).ConfigureAwait(false);
        return await _client.RedactAsync(room, target, reason, txnId ?? MatrixClient.NewTransactionId(), AssertedUser, ct).ConfigureAwait(false);
    }

    /// <summary>Creates a room as this user; the user is joined to it afterwards.</summary>
    public async Task<RoomId> CreateRoomAsync(CreateRoomRequest request, CancellationToken ct)
    {
        await EnsureRegisteredAsync(ct).ConfigureAwait(false);
        var room = await _client.CreateRoomAsync(request, AssertedUser, ct).ConfigureAwait(false);
        _joined[room] = 0;
        return room;
    }

    /// <summary>Invites a user.</summary>
    public async Task InviteAsync(RoomId room, UserId target, CancellationToken ct)
    {
        await EnsureJoinedAsync(room, ct).ConfigureAwait(false);
        try
        {
            await _client.MembershipAsync(room, "invite", target, null, AssertedUser, ct).ConfigureAwait(false);
        }
        catch (MatrixException e) when (e.Errcode == MatrixErrorCodes.Forbidden && e.ErrorText.Contains("already", StringComparison.OrdinalIgnoreCase))
        {
            // Already invited or joined: the wanted state holds.
        }
    }

    /// <summary>Kicks a user.</summary>
    public async Task KickAsync(RoomId room, UserId target, string? reason, CancellationToken ct)
    {
        await EnsureJoinedAsync(room, ct).ConfigureAwait(false);
        await _client.MembershipAsync(room, "kick", target, reason, AssertedUser, ct).ConfigureAwait(false);
    }

    /// <summary>Bans a user.</summary>
    public async Task BanAsync(RoomId room, UserId target, string? reason, CancellationToken ct)
    {
        await EnsureJoinedAsync(room, ct).ConfigureAwait(false);
        await _client.MembershipAsync(room, "ban", target, reason, AssertedUser, ct).ConfigureAwait(false);
    }

    /// <summary>Unbans a user.</summary>
    public async Task UnbanAsync(RoomId room, UserId target, string? reason, CancellationToken ct)
    {
        await EnsureJoinedAsync(room, ct).ConfigureAwait(false);
        await _client.MembershipAsync(room, "unban", target, reason, AssertedUser, ct).ConfigureAwait(false);
    }

    /// <summary>Leaves a room.</summary>
    public async Task LeaveAsync(RoomId room, string? reason, CancellationToken ct)
    {
        await EnsureRegisteredAsync(ct).ConfigureAwait(false);
        await _client.LeaveAsync(room, reason, AssertedUser, ct).ConfigureAwait(false);
        _joined.TryRemove(room, out _);
    }

    /// <summary>Typing notification on or off.</summary>
    public async Task SetTypingAsync(RoomId room, bool typing, TimeSpan? timeout, CancellationToken ct)
    {
        await EnsureJoinedAsync(room, ct).ConfigureAwait(false);
        await _client.SetTypingAsync(room, UserId, typing, timeout, AssertedUser, ct).ConfigureAwait(false);
    }

    /// <summary>Sets this user's presence: <c>online</c>, <c>unavailable</c> or <c>offline</c>.</summary>
    public async Task SetPresenceAsync(string presence, string? statusMessage, CancellationToken ct)
    {
        await EnsureRegisteredAsync(ct).ConfigureAwait(false);
        await _client.SetPresenceAsync(UserId, presence, statusMessage, AssertedUser, ct).ConfigureAwait(false);
    }

    /// <summary>Marks the room read up to <paramref name="eventId"/>.</summary>
    public async Task MarkReadAsync(RoomId room, EventId eventId, CancellationToken ct)
    {
        await EnsureJoinedAsync(room, ct).ConfigureAwait(false);
        await _client.SetReadMarkersAsync(room, eventId, AssertedUser, ct).ConfigureAwait(false);
    }

    /// <summary>Sets the display name unless it is already the last value this intent set.</summary>
    public async Task SetDisplayNameAsync(string? displayName, CancellationToken ct)
    {
        if (_displayName == displayName && displayName is not null)
        {
            return;
        }

        await EnsureRegisteredAsync(ct).ConfigureAwait(false);
        await _client.SetDisplayNameAsync(UserId, displayName, AssertedUser, ct).ConfigureAwait(false);
        _displayName = displayName;
    }

    /// <summary>Sets the avatar unless it is already the last value this intent set.</summary>
    public async Task SetAvatarUrlAsync(MxcUri? avatar, CancellationToken ct)
    {
        if (_avatarUrl == avatar?.Value && avatar is not null)
        {
            return;
        }

        await EnsureRegisteredAsync(ct).ConfigureAwait(false);
        await _client.SetAvatarUrlAsync(UserId, avatar, AssertedUser, ct).ConfigureAwait(false);
        _avatarUrl = avatar?.Value;
    }

    /// <summary>Uploads media as this user.</summary>
    public async Task<MxcUri> UploadAsync(Func<Stream> content, string contentType, string? fileName, CancellationToken ct)
    {
        await EnsureRegisteredAsync(ct).ConfigureAwait(false);
        return await _client.UploadAsync(content, contentType, fileName, AssertedUser, ct).ConfigureAwait(false);
    }

    /// <summary>Downloads media as this user (authenticated media).</summary>
    public Task<DownloadedMedia> DownloadAsync(MxcUri uri, CancellationToken ct) => _client.DownloadAsync(uri, AssertedUser, ct);

    /// <summary>The room's current state.</summary>
    public Task<List<MatrixEvent>> GetStateAsync(RoomId room, CancellationToken ct) => _client.GetStateAsync(room, AssertedUser, ct);

    /// <summary>The room's joined members.</summary>
    public Task<IReadOnlyDictionary<UserId, JoinedMember>> GetJoinedMembersAsync(RoomId room, CancellationToken ct) => _client.GetJoinedMembersAsync(room, AssertedUser, ct);

    /// <summary>Maps an alias to a room.</summary>
    public Task CreateAliasAsync(RoomAlias alias, RoomId room, CancellationToken ct) => _client.CreateAliasAsync(alias, room, AssertedUser, ct);

    /// <summary>Resolves an alias.</summary>
    public Task<RoomId> ResolveAliasAsync(RoomAlias alias, CancellationToken ct) => _client.ResolveAliasAsync(alias, AssertedUser, ct);

    /// <summary>Who the homeserver thinks this intent is.</summary>
    public Task<UserId> WhoAmIAsync(CancellationToken ct) => _client.WhoAmIAsync(AssertedUser, ct);
}
