using Bridges.Core.Network.Ids;
using Bridges.Emulators.Discord;
using Bridges.Emulators.Discord.World;
using Bridges.Matrix.Ids;
using Bridges.Testing;
using Microsoft.Extensions.Logging;

namespace Bridges.Discord.Tests;

/// <summary>
/// The Discord emulator with a bot in a guild ("Tea party": category "Talk" holding #general, and #random at the top)
/// and two users, and the bridge host pointed at it.
/// </summary>
internal sealed class DiscordBridgeHarness : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private DiscordBridgeHarness(DiscordEmulator emulator, BridgeTestHost host, EmulatedUser bot, EmulatedUser alice, EmulatedUser bob,
        EmulatedGuild guild, EmulatedChannel category, EmulatedChannel general, EmulatedChannel random)
    {
        Emulator = emulator;
        Host = host;
        Bot = bot;
        Alice = alice;
        Bob = bob;
        Guild = guild;
        Category = category;
        General = general;
        Random = random;
    }

    public DiscordEmulator Emulator { get; }

    public BridgeTestHost Host { get; }

    public EmulatedUser Bot { get; }

    public EmulatedUser Alice { get; }

    public EmulatedUser Bob { get; }

    public EmulatedGuild Guild { get; }

    public EmulatedChannel Category { get; }

    public EmulatedChannel General { get; }

    public EmulatedChannel Random { get; }

    public static async Task<DiscordBridgeHarness> StartAsync(ILoggerFactory? loggers = null, Action<IDictionary<string, string?>>? configure = null)
    {
        var emulator = new DiscordEmulator(new DiscordEmulatorOptions { HeartbeatInterval = TimeSpan.FromSeconds(5) });
        await emulator.StartAsync();
        var bot = emulator.CreateBot("Relay");
        var alice = emulator.AddUser("alice", "Alice Liddell", [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);
        var bob = emulator.AddUser("bob");
        var guild = emulator.CreateGuild("Tea party", alice);
        emulator.AddMember(guild, bob);
        emulator.AddMember(guild, bot);
        var category = emulator.CreateCategory(guild, "Talk", 1);
        var general = emulator.CreateTextChannel(guild, "general", 2, category, topic: "All things tea");
        var random = emulator.CreateTextChannel(guild, "random", 0);
        var host = await BridgeTestHost.StartAsync(DiscordNetwork.Plugin, c =>
        {
            c["bridges:discord:bottoken"] = bot.Token;
            c["bridges:discord:apibaseurl"] = emulator.ApiBaseUrl.ToString();
            c["bridges:discord:cdnbaseurl"] = emulator.BaseUrl.ToString();
            c["bridges:discord:reconnectdelay"] = "00:00:00.050";
            configure?.Invoke(c);
        }, loggers);
        return new DiscordBridgeHarness(emulator, host, bot, alice, bob, guild, category, general, random);
    }

    public static PortalKey PortalOf(string id) => new(new PortalId(id));

    /// <summary>A second relay client of the running bridge's connector (not connected), to drive the client layer directly.</summary>
    public async Task<Bridge.DiscordRelayClient> RelayClientAsync()
    {
        var connector = (Bridge.DiscordConnector)Host.Bridge.Bridge.Connector;
        return (Bridge.DiscordRelayClient)await connector.LoadLoginAsync(connector.RelayLogin, CancellationToken.None);
    }

    public string GhostOf(EmulatedUser user) => Host.Bridge.Bridge.GhostUserId(new RemoteUserId(user.Id)).Value;

    /// <summary>Joins a channel's portal through its alias (creating it when no Discord message did yet).</summary>
    public Task<RoomId> JoinPortalAsync(MatrixTestUser user, EmulatedChannel? channel = null) =>
        user.JoinAsync($"#discord_{(channel ?? General).Id}:{Host.ServerName}");

    /// <summary>Waits until the bridge created the portal room of a guild, category or channel.</summary>
    public async Task<RoomId> WaitForPortalRoomAsync(string id)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        while (true)
        {
            if (await Host.Bridge.Bridge.GetPortalRoomAsync(PortalOf(id), deadline.Token) is { } room)
            {
                return room;
            }

            await Task.Delay(50, deadline.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
