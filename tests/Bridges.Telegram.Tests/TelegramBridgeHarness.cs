using System.Globalization;
using Bridges.Core.Network.Ids;
using Bridges.Emulators.Telegram;
using Bridges.Matrix.Ids;
using Bridges.Testing;
using Microsoft.Extensions.Logging;

namespace Bridges.Telegram.Tests;

/// <summary>The Telegram Bot API emulator with a bot, two users and a supergroup, and the bridge host pointed at it.</summary>
internal sealed class TelegramBridgeHarness : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private TelegramBridgeHarness(TelegramBotApiEmulator emulator, EmulatedBot bot, EmulatedUser alice, EmulatedUser bob, EmulatedChat group, BridgeTestHost host)
    {
        Emulator = emulator;
        Bot = bot;
        Alice = alice;
        Bob = bob;
        Group = group;
        Host = host;
    }

    public TelegramBotApiEmulator Emulator { get; }

    public EmulatedBot Bot { get; }

    public EmulatedUser Alice { get; }

    public EmulatedUser Bob { get; }

    public EmulatedChat Group { get; }

    public BridgeTestHost Host { get; }

    public const string LoginKey = "a login key for the telegram tests, long enough";

    /// <summary>
    /// Telegram's flood limits with the group window shortened from a minute to five seconds (the counts stay real), so
    /// that bursts meet 429s without minute-long waits.
    /// </summary>
    public static TelegramFloodLimits ScaledFloodLimits() => new() { GroupWindow = TimeSpan.FromSeconds(5) };

    /// <summary>
    /// Starts the emulator and the bridge. The relay bot has privacy mode off (it is also an administrator, who sees
    /// everything anyway) and portals are public (public_portals), as most tests join the group's portal by alias; tests
    /// of those defaults turn them back on through <paramref name="privacyMode"/> and <paramref name="configure"/>.
    /// </summary>
    public static async Task<TelegramBridgeHarness> StartAsync(bool forum = false, ILoggerFactory? loggers = null, Action<IDictionary<string, string?>>? configure = null,
        bool privacyMode = false, bool botIsAdministrator = true)
    {
        var emulator = new TelegramBotApiEmulator(new TelegramEmulatorOptions { FloodLimits = ScaledFloodLimits() });
        await emulator.StartAsync();
        var bot = emulator.CreateBot("Relay", "relay_bot");
        emulator.SetPrivacyMode(bot, privacyMode);
        var alice = emulator.AddUser("Alice", "Liddell", "alice");
        var bob = emulator.AddUser("Bob", null, "bob");
        var group = emulator.CreateSupergroup("Tea party", alice, isForum: forum);
        emulator.AddUserToChat(group, bob, alice);
        // Administrators get message_reaction updates in groups.
        emulator.AddBotToChat(group, bot, alice, asAdministrator: botIsAdministrator);
        var host = await BridgeTestHost.StartAsync(TelegramNetwork.Plugin, c =>
        {
            c["bridges:telegram:bottoken"] = bot.Token;
            c["bridges:telegram:apibaseurl"] = emulator.BaseUrl.ToString();
            c["bridges:telegram:pollingtimeout"] = "5";
            c["bridges:telegram:loginkey"] = LoginKey;
            c["bridges:telegram:publicportals"] = "true";
            configure?.Invoke(c);
        }, loggers);
        return new TelegramBridgeHarness(emulator, bot, alice, bob, group, host);
    }

    public static PortalKey PortalOf(EmulatedChat chat) => new(new PortalId(chat.Id.ToString(CultureInfo.InvariantCulture)));

    public string GhostOf(EmulatedUser user) => Host.Bridge.Bridge.GhostUserId(new RemoteUserId(user.Id.ToString(CultureInfo.InvariantCulture))).Value;

    /// <summary>Joins the group's portal through its alias (creating it when no Telegram message did yet).</summary>
    public Task<RoomId> JoinPortalAsync(MatrixTestUser user, EmulatedChat? chat = null) =>
        user.JoinAsync($"#telegram_{(chat ?? Group).Id.ToString(CultureInfo.InvariantCulture)}:{Host.ServerName}");

    /// <summary>Waits until the bridge created the portal room of a chat.</summary>
    public async Task<RoomId> WaitForPortalRoomAsync(EmulatedChat chat)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        while (true)
        {
            if (await Host.Bridge.Bridge.GetPortalRoomAsync(PortalOf(chat), deadline.Token) is { } room)
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
