using System.Data.Common;
using Bridges.Core.Database;
using Bridges.Core.Network.Ids;
using Bridges.Matrix.Ids;
using Bridges.Storage.Database;

namespace Bridges.Storage.Bridge;

internal sealed class SqlMessageStore(BridgesDatabase db, string network) : IMessageStore
{
    private const string MessageColumns = "portal_id, receiver, remote_id, part_id, room_id, event_id, sender, matrix_sender, ts, thread_root, reply_to";
    private const string ReactionColumns = "portal_id, receiver, target_id, sender, emoji, room_id, event_id, remote_reaction_id";

    /// <summary>The insert of one mapping (adding nothing on a conflict), shared with the outbox, which runs it in its own transaction.</summary>
    internal const string InsertSql =
        $"INSERT INTO messages (network, {MessageColumns}) VALUES (@n, @p, @r, @id, @part, @room, @ev, @s, @ms, @ts, @thr, @rep) ON CONFLICT DO NOTHING";

    public async Task<bool> TryAddAsync(MessageRecord m, CancellationToken ct) =>
        await db.ExecuteAsync(InsertSql, ct, InsertArgs(network, m)).ConfigureAwait(false) > 0;

    /// <summary>The parameters of <see cref="InsertSql"/> for one mapping.</summary>
    internal static (string, object?)[] InsertArgs(string network, MessageRecord m) =>
    [
        ("@n", network), ("@p", m.Portal.Id.Value), ("@r", Receiver(m.Portal)), ("@id", m.RemoteId.Value), ("@part", m.Part.Value ?? string.Empty),
        ("@room", m.RoomId.Value), ("@ev", m.EventId.Value), ("@s", m.Sender?.Value), ("@ms", m.MatrixSender?.Value),
        ("@ts", m.Timestamp.ToUnixTimeMilliseconds()), ("@thr", m.ThreadRoot?.Value), ("@rep", m.ReplyTo?.Value),
    ];

    public async Task<IReadOnlyList<MessageRecord>> GetPartsAsync(PortalKey portal, RemoteMessageId id, CancellationToken ct) =>
        await db.QueryAsync($"SELECT {MessageColumns} FROM messages WHERE network = @n AND portal_id = @p AND receiver = @r AND remote_id = @id ORDER BY part_id",
            ReadMessage, ct, ("@n", network), ("@p", portal.Id.Value), ("@r", Receiver(portal)), ("@id", id.Value)).ConfigureAwait(false);

    public async Task<MessageRecord?> FindAnyAsync(RemoteMessageId id, CancellationToken ct) =>
        (await db.QueryAsync($"SELECT {MessageColumns} FROM messages WHERE network = @n AND remote_id = @id ORDER BY part_id LIMIT 1",
            ReadMessage, ct, ("@n", network), ("@id", id.Value)).ConfigureAwait(false)).FirstOrDefault();

    public async Task<MessageRecord?> GetByEventAsync(RoomId room, EventId eventId, CancellationToken ct) =>
        (await db.QueryAsync($"SELECT {MessageColumns} FROM messages WHERE room_id = @room AND event_id = @ev AND network = @n",
            ReadMessage, ct, ("@room", room.Value), ("@ev", eventId.Value), ("@n", network)).ConfigureAwait(false)).FirstOrDefault();

    public async Task<bool> IsEventKnownAsync(RoomId room, EventId eventId, CancellationToken ct) =>
        (await db.QueryAsync(
            "SELECT 1 FROM messages WHERE room_id = @room AND event_id = @ev AND network = @n UNION ALL SELECT 1 FROM reactions WHERE room_id = @room AND event_id = @ev AND network = @n LIMIT 1",
            r => 1, ct, ("@room", room.Value), ("@ev", eventId.Value), ("@n", network)).ConfigureAwait(false)).Count > 0;

    public Task DeleteAsync(PortalKey portal, RemoteMessageId id, CancellationToken ct) => db.ExecuteAsync(
        "DELETE FROM messages WHERE network = @n AND portal_id = @p AND receiver = @r AND remote_id = @id", ct,
        ("@n", network), ("@p", portal.Id.Value), ("@r", Receiver(portal)), ("@id", id.Value));

    public async Task<MessageRecord?> GetLastAsync(PortalKey portal, CancellationToken ct) =>
        (await db.QueryAsync($"SELECT {MessageColumns} FROM messages WHERE network = @n AND portal_id = @p AND receiver = @r ORDER BY ts DESC LIMIT 1",
            ReadMessage, ct, ("@n", network), ("@p", portal.Id.Value), ("@r", Receiver(portal))).ConfigureAwait(false)).FirstOrDefault();

    public async Task<bool> TryAddReactionAsync(ReactionRecord x, CancellationToken ct) => await db.ExecuteAsync(
        $"INSERT INTO reactions (network, {ReactionColumns}) VALUES (@n, @p, @r, @t, @s, @e, @room, @ev, @rr) ON CONFLICT DO NOTHING",
        ct, ("@n", network), ("@p", x.Portal.Id.Value), ("@r", Receiver(x.Portal)), ("@t", x.TargetId.Value), ("@s", x.Sender.Value), ("@e", x.Emoji.Value),
        ("@room", x.RoomId.Value), ("@ev", x.EventId.Value), ("@rr", x.RemoteReactionId?.Value)).ConfigureAwait(false) > 0;

    public async Task<ReactionRecord?> GetReactionAsync(PortalKey portal, RemoteMessageId target, RemoteUserId sender, EmojiId emoji, CancellationToken ct) =>
        (await db.QueryAsync($"SELECT {ReactionColumns} FROM reactions WHERE network = @n AND portal_id = @p AND receiver = @r AND target_id = @t AND sender = @s AND emoji = @e",
            ReadReaction, ct, ("@n", network), ("@p", portal.Id.Value), ("@r", Receiver(portal)), ("@t", target.Value), ("@s", sender.Value), ("@e", emoji.Value)).ConfigureAwait(false)).FirstOrDefault();

    public async Task<IReadOnlyList<ReactionRecord>> GetReactionsAsync(PortalKey portal, RemoteMessageId target, EmojiId emoji, CancellationToken ct) =>
        await db.QueryAsync($"SELECT {ReactionColumns} FROM reactions WHERE network = @n AND portal_id = @p AND receiver = @r AND target_id = @t AND emoji = @e",
            ReadReaction, ct, ("@n", network), ("@p", portal.Id.Value), ("@r", Receiver(portal)), ("@t", target.Value), ("@e", emoji.Value)).ConfigureAwait(false);

    public async Task<ReactionRecord?> GetReactionByEventAsync(RoomId room, EventId eventId, CancellationToken ct) =>
        (await db.QueryAsync($"SELECT {ReactionColumns} FROM reactions WHERE room_id = @room AND event_id = @ev AND network = @n",
            ReadReaction, ct, ("@room", room.Value), ("@ev", eventId.Value), ("@n", network)).ConfigureAwait(false)).FirstOrDefault();

    public Task DeleteReactionAsync(RoomId room, EventId eventId, CancellationToken ct) =>
        db.ExecuteAsync("DELETE FROM reactions WHERE room_id = @room AND event_id = @ev AND network = @n", ct, ("@room", room.Value), ("@ev", eventId.Value), ("@n", network));

    private static string Receiver(PortalKey key) => key.Receiver?.Value ?? string.Empty;

    private static PortalKey Key(DbDataReader r) =>
        new(new PortalId(r.GetString(0)), r.GetString(1) is { Length: > 0 } receiver ? new UserLoginId(receiver) : null);

    private static MessageRecord ReadMessage(DbDataReader r) => new()
    {
        Portal = Key(r),
        RemoteId = new RemoteMessageId(r.GetString(2)),
        Part = new PartId(r.GetString(3)),
        RoomId = RoomId.Parse(r.GetString(4)),
        EventId = EventId.Parse(r.GetString(5)),
        Sender = r.IsDBNull(6) ? null : new RemoteUserId(r.GetString(6)),
        MatrixSender = r.IsDBNull(7) ? null : UserId.Parse(r.GetString(7)),
        Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(8)),
        ThreadRoot = r.IsDBNull(9) ? null : new RemoteMessageId(r.GetString(9)),
        ReplyTo = r.IsDBNull(10) ? null : new RemoteMessageId(r.GetString(10)),
    };

    private static ReactionRecord ReadReaction(DbDataReader r) => new()
    {
        Portal = Key(r),
        TargetId = new RemoteMessageId(r.GetString(2)),
        Sender = new RemoteUserId(r.GetString(3)),
        Emoji = new EmojiId(r.GetString(4)),
        RoomId = RoomId.Parse(r.GetString(5)),
        EventId = EventId.Parse(r.GetString(6)),
        RemoteReactionId = r.IsDBNull(7) ? null : new RemoteReactionId(r.GetString(7)),
    };
}
