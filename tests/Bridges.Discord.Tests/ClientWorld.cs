using Bridges.Core.Security;
using Bridges.Discord.Api;
using Bridges.Emulators.Discord;
using Bridges.Emulators.Discord.World;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bridges.Discord.Tests;

/// <summary>An emulator with a bot in a guild with one text channel, and the bridge's REST client pointed at it.</summary>
internal sealed class ClientWorld : IAsyncDisposable
{
    private ClientWorld(DiscordEmulator emulator, EmulatedUser bot, EmulatedUser alice, EmulatedGuild guild, EmulatedChannel channel)
    {
        Emulator = emulator;
        Bot = bot;
        Alice = alice;
        Guild = guild;
        Channel = channel;
        Rest = new DiscordRestClient(emulator.ApiBaseUrl, new Secret(bot.Token!), TimeProvider.System, NullLogger.Instance);
    }

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public DiscordEmulator Emulator { get; }

    public EmulatedUser Bot { get; }

    public EmulatedUser Alice { get; }

    public EmulatedGuild Guild { get; }

    public EmulatedChannel Channel { get; }

    public DiscordRestClient Rest { get; }

    public static async Task<ClientWorld> StartAsync(DiscordEmulatorOptions? options = null, bool privilegedIntents = true)
    {
        var emulator = new DiscordEmulator(options);
        await emulator.StartAsync();
        var bot = emulator.CreateBot("Relay", privilegedIntents);
        var alice = emulator.AddUser("alice", "Alice");
        var guild = emulator.CreateGuild("Tea party", alice);
        emulator.AddMember(guild, bot);
        var channel = emulator.CreateTextChannel(guild, "general", 0);
        return new ClientWorld(emulator, bot, alice, guild, channel);
    }

    public async ValueTask DisposeAsync()
    {
        Rest.Dispose();
        await Emulator.DisposeAsync();
    }
}
