using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bridges.Irc.Client;
using Bridges.Irc.Tests.Support;
using Bridges.Matrix.Ids;
using Bridges.Testing;
using Microsoft.Extensions.Logging;

namespace Bridges.Irc.Tests.Bridge;

/// <summary>
/// The IRC bridge end to end: <see cref="BridgeTestHost"/> (test homeserver, real HTTP, SQLite) with the IRC plugin
/// pointed at the loopback InspIRCd, plus IRC users of the test's own beside it. Network id <c>test</c>; every test
/// uses its own channels and nicks (a unique relay nick too), so tests can share the server.
/// </summary>
internal sealed class IrcBridgeHarness : IAsyncDisposable
{
    public const string Network = "test";
    private readonly List<IrcConnection> _ircUsers = [];

    private IrcBridgeHarness(BridgeTestHost host, (string Host, int Port) endpoint, CapturingLoggerProvider? logs, string relayNick)
    {
        RelayNick = relayNick;
        Host = host;
        Endpoint = endpoint;
        Logs = logs;
    }

    public BridgeTestHost Host { get; }

    /// <summary>The relay bot's nick (unique per harness).</summary>
    public string RelayNick { get; }

    public (string Host, int Port) Endpoint { get; }

    /// <summary>Everything the bridge logged (Trace included), when started with <c>captureLogs</c>.</summary>
    public CapturingLoggerProvider? Logs { get; }

    public static async Task<IrcBridgeHarness> StartAsync((string Host, int Port)? endpoint = null, Action<IDictionary<string, string?>>? configure = null, bool captureLogs = false,
        FakeIrcTcpServer? fake = null)
    {
        var server = fake?.Endpoint ?? endpoint ?? IrcTestEnv.Plain;
        if (fake is null)
        {
            // (A probe connection would become a session of the fake server.)
            await IrcTestEnv.EnsureReachableAsync(server);
        }

        var logs = captureLogs ? new CapturingLoggerProvider() : null;
        ILoggerFactory? loggers = logs is null ? null : LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var relayNick = IrcTestEnv.UniqueNick("relay");
        var host = await BridgeTestHost.StartAsync(Bridges.Irc.IrcNetwork.Plugin, config =>
        {
            var n = $"bridges:irc:networks:{Network}:";
            config["bridges:irc:permissions:admin:0"] = "localhost";
            config["bridges:irc:passwordkey"] = "a test key that is long enough to derive from";
            config[n + "host"] = server.Host;
            config[n + "port"] = server.Port.ToString(CultureInfo.InvariantCulture);
            config[n + "tls"] = "false";
            config[n + "relaynick"] = relayNick;
            config[n + "nickmaxlength"] = "30";
            // Ports 16667/16697 have no flood limits; the strict-port test sets realistic pacing itself.
            config[n + "floodburst"] = "50";
            config[n + "floodinterval"] = "00:00:00.005";
            config[n + "quitdebounce"] = "00:00:02";
            config[n + "connectstagger"] = "00:00:00.100";
            config[n + "reconnectmaxdelay"] = "00:00:02";
            // Portals made by joining an alias: off by default since that lets anyone make the relay join anything.
            config[n + "dynamicchannels:enabled"] = "true";
            configure?.Invoke(config);
        }, loggers);
        return new IrcBridgeHarness(host, server, logs, relayNick);
    }

    /// <summary>An IRC user of the test's own, connected (and tracking members) on the harness's server.</summary>
    public async Task<IrcConnection> IrcUserAsync(string prefix, (string Host, int Port)? endpoint = null)
    {
        var connection = await IrcTestEnv.ConnectAsync(IrcTestEnv.Options(IrcTestEnv.UniqueNick(prefix), endpoint ?? Endpoint));
        _ircUsers.Add(connection);
        return connection;
    }

    /// <summary>
    /// A fresh channel with an IRC user (<c>Bob</c>, watched by <c>BobSees</c>) in it, and a Matrix user (<c>Alice</c>)
    /// who joined its portal; returns once alice's puppet is in the channel.
    /// </summary>
    public async Task<(MatrixTestUser Alice, RoomId Room, IrcConnection Bob, ChatCollector BobSees, string Channel)> PortalWithIrcUserAsync(string prefix)
    {
        var channel = IrcTestEnv.UniqueChannel(prefix);
        var bob = await IrcUserAsync(prefix + "bob");
        var bobSees = new ChatCollector(bob);
        await bob.JoinAsync(channel, null, CancellationToken.None);
        var alice = await Host.CreateUserAsync("alice");
        var room = await JoinPortalAsync(alice, channel);
        var puppet = PuppetNick(alice);
        await Wait.UntilAsync(() => bob.GetChannel(channel)?.TryGetMember(puppet, out _) == true, "alice's puppet joined the channel", TimeSpan.FromSeconds(20));
        return (alice, room, bob, bobSees, channel);
    }

    /// <summary>
    /// Makes <paramref name="user"/> a channel op: this server gives no op to a channel's creator, so the user becomes an
    /// IRC operator (<c>OPER admin password</c>) and gives itself op with SAMODE.
    /// </summary>
    public static async Task OpAsync(IrcConnection user, string channel)
    {
        await user.SendAsync(new IrcMessage("OPER", "admin", "password"), CancellationToken.None);
        await user.SendAsync(new IrcMessage("SAMODE", channel, "+o", user.Nick), CancellationToken.None);
        await Wait.UntilAsync(() => user.GetChannel(channel)?.TryGetMember(user.Nick, out var m) == true && m!.HasPrefix('@'), $"{user.Nick} is an op");
    }

    /// <summary>Joins the portal of <paramref name="channel"/> through its alias; the user's puppet joins the channel.</summary>
    public Task<RoomId> JoinPortalAsync(MatrixTestUser user, string channel) => user.JoinAsync($"#irc_{Network}/{channel}:{Host.ServerName}");

    /// <summary>
    /// A room <paramref name="user"/> creates (power level 100 for them and the bridge bot) and bridges to
    /// <paramref name="channel"/> with the core's <c>bridge</c> command, so the user may change state in it.
    /// </summary>
    public async Task<RoomId> BridgedRoomAsync(MatrixTestUser user, string channel)
    {
        var bot = Host.Bridge.Bridge.Intents.BotUserId.Value;
        var room = await user.CreateRoomAsync(new JsonObject
        {
            ["preset"] = "private_chat",
            ["invite"] = new JsonArray(bot),
            ["power_level_content_override"] = new JsonObject { ["users"] = new JsonObject { [user.UserId.Value] = 100, [bot] = 100 } },
        });
        await user.WaitForMessageAsync(room, b => b.StartsWith("Hello!", StringComparison.Ordinal));
        await user.SendTextAsync(room, $"bridge {Network} {channel}");
        await user.WaitForMessageAsync(room, b => b.StartsWith("This room is now bridged", StringComparison.Ordinal));
        return room;
    }

    /// <summary>
    /// A management room: a direct chat with the bridge bot, where every message is a command. The bot gets moderator
    /// power so the core can redact messages that hold secrets (without it, the core asks the user to delete them).
    /// </summary>
    public async Task<RoomId> ManagementRoomAsync(MatrixTestUser user)
    {
        var bot = Host.Bridge.Bridge.Intents.BotUserId.Value;
        var room = await user.CreateRoomAsync(new JsonObject
        {
            ["preset"] = "private_chat", ["is_direct"] = true, ["invite"] = new JsonArray(bot),
            ["power_level_content_override"] = new JsonObject { ["users"] = new JsonObject { [user.UserId.Value] = 100, [bot] = 50 } },
        });
        await user.WaitForMessageAsync(room, b => b.StartsWith("Hello!", StringComparison.Ordinal));
        return room;
    }

    /// <summary>Sends a command and waits for the bot's answer that satisfies <paramref name="answer"/>.</summary>
    public async Task<string> CommandAsync(MatrixTestUser user, RoomId room, string command, Func<string, bool> answer)
    {
        var bot = Host.Bridge.Bridge.Intents.BotUserId.Value;
        await user.SendTextAsync(room, command);
        return Body(await user.WaitForEventAsync(room, e => e.GetProperty("sender").GetString() == bot && e.GetProperty("type").GetString() == "m.room.message" && answer(Body(e))));
    }

    /// <summary>Changes one user's power level in a room (as <paramref name="admin"/>).</summary>
    public static async Task SetPowerLevelAsync(MatrixTestUser admin, RoomId room, string user, int level)
    {
        var current = (await admin.GetStateEventAsync(room, "m.room.power_levels"))!.Value.GetProperty("content");
        var content = JsonNode.Parse(current.GetRawText())!.AsObject();
        content["users"]![user] = level;
        await admin.SendAsync(HttpMethod.Put, $"_matrix/client/v3/rooms/{Uri.EscapeDataString(room.Value)}/state/m.room.power_levels/", content);
    }

    /// <summary>A user's level in a power-levels event (0 when absent).</summary>
    public static long LevelIn(JsonElement powerLevels, string user) =>
        powerLevels.GetProperty("content").TryGetProperty("users", out var users) && users.TryGetProperty(user, out var level) ? level.GetInt64() : 0;

    /// <summary>The IRC network of the running bridge (its ids, relay and puppets).</summary>
    internal Bridges.Irc.Bridge.IrcNetworkContext NetworkContext => ((Bridges.Irc.Bridge.IrcConnector)Host.Bridge.Bridge.Connector).Networks[Network];

    /// <summary>The ghost user id of an IRC nick.</summary>
    public string Ghost(string nick) => $"@irc_{Network}/{nick.ToLowerInvariant()}:{Host.ServerName}";

    /// <summary>The puppet nick a Matrix user gets from the default template.</summary>
    public static string PuppetNick(MatrixTestUser user) => user.UserId.Localpart + "[m]";

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _ircUsers)
        {
            await connection.DisposeAsync();
        }

        await Host.DisposeAsync();
    }

    /// <summary>The body of a message event.</summary>
    public static string Body(JsonElement evt) => evt.GetProperty("content").GetProperty("body").GetString() ?? string.Empty;

    /// <summary>The formatted body of a message event, or null.</summary>
    public static string? Html(JsonElement evt) =>
        evt.GetProperty("content").TryGetProperty("formatted_body", out var html) ? html.GetString() : null;
}
