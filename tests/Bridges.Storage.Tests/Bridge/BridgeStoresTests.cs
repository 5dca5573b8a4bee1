using Bridges.Core.Database;
using Bridges.Core.Network.Ids;
using Bridges.Matrix.Ids;
using Bridges.Storage.Bridge;
using Bridges.Storage.Database;
using Bridges.Storage.Tests.Support;

namespace Bridges.Storage.Tests.Bridge;

/// <summary>
/// The core stores (<see cref="SqlBridgeStores"/>: portals, ghosts, message and reaction map, logins, key-values) on one
/// backend. The migrated database is shared by the class; each test isolates itself by using its own network id and
/// room ids tagged with its own random suffix (room ids are unique across networks, as on a homeserver).
/// Split by store into <c>BridgeStoresTests.*.cs</c>.
/// </summary>
public abstract partial class BridgeStoresTests
{
    private readonly string _network = "net_" + Guid.NewGuid().ToString("N")[..16];
    private readonly string _tag = Guid.NewGuid().ToString("N")[..12];

    protected BridgeStoresTests(StorageBackendFixture backend) => Backend = backend;

    /// <summary>The backend this run of the suite uses.</summary>
    protected StorageBackendFixture Backend { get; }

    private static CancellationToken Ct => CancellationToken.None;

    /// <summary>A second network id for isolation tests; same database, same tables.</summary>
    private string OtherNetwork => _network + "_other";

    [Fact]
    public async Task Rows_written_through_one_handle_are_read_through_a_second_handle()
    {
        var stores = await StoresAsync();
        var portal = new PortalRecord { Key = Shared("#durable"), RoomId = Room("durable"), Name = "durable" };
        var message = Message(portal.Key, "m1", "e1", room: Room("durable"));
        await stores.Portals.UpsertAsync(portal, Ct);
        Assert.True(await stores.Messages.TryAddAsync(message, Ct));
        await stores.KeyValues.SetAsync("cursor", "42", Ct);

        // What a restarted process sees: the commits are durable, not cached in the first handle.
        var reopened = new SqlBridgeStores(Backend.Reopen(await Backend.GetMigratedDatabaseAsync()), _network);

        Assert.Equal(portal, await reopened.Portals.GetAsync(portal.Key, Ct));
        Assert.Equal(message, await reopened.Messages.GetByEventAsync(message.RoomId, message.EventId, Ct));
        Assert.False(await reopened.Messages.TryAddAsync(message, Ct));
        Assert.Equal("42", await reopened.KeyValues.GetAsync("cursor", Ct));
    }

    private async Task<SqlBridgeStores> StoresAsync(string? network = null) =>
        new(await Backend.GetMigratedDatabaseAsync(), network ?? _network);

    /// <summary>A room id no other test uses.</summary>
    private RoomId Room(string name) => RoomId.Parse($"!{name}-{_tag}:bridges.test");

    private static EventId Event(string name) => EventId.Parse("$" + name);

    private static PortalKey Shared(string chat) => new(new PortalId(chat));

    private static PortalKey ForLogin(string chat, string login) => new(new PortalId(chat), new UserLoginId(login));

    private MessageRecord Message(PortalKey portal, string remoteId, string eventId, string part = "", long ms = 1_900_000_000_000, RoomId? room = null) => new()
    {
        Portal = portal,
        RemoteId = new RemoteMessageId(remoteId),
        Part = new PartId(part),
        RoomId = room ?? Room("main"),
        EventId = Event(eventId),
        Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(ms),
    };

    private ReactionRecord Reaction(PortalKey portal, string target, string sender, string emoji, string eventId, RoomId? room = null) => new()
    {
        Portal = portal,
        TargetId = new RemoteMessageId(target),
        Sender = new RemoteUserId(sender),
        Emoji = new EmojiId(emoji),
        RoomId = room ?? Room("main"),
        EventId = Event(eventId),
    };

    /// <summary>Rows of <paramref name="table"/> that belong to this test's network (or <paramref name="network"/>).</summary>
    private async Task<long> CountAsync(string table, string? network = null)
    {
        var db = await Backend.GetMigratedDatabaseAsync();
        var column = table == "kv_store" ? "namespace" : "network";
        return (await db.QueryAsync($"SELECT COUNT(*) FROM {table} WHERE {column} = @n", r => r.GetInt64(0), Ct, ("@n", network ?? _network))).Single();
    }

    /// <summary>The Matrix event ids of this network's message map.</summary>
    private async Task<List<string>> MappedEventIdsAsync(BridgesDatabase db) =>
        await db.QueryAsync("SELECT event_id FROM messages WHERE network = @n", r => r.GetString(0), Ct, ("@n", _network));
}
