using System.Diagnostics;
using Bridges.Discord;
using Bridges.Emulators.Discord;
using Bridges.Emulators.Discord.World;
using Bridges.Testing;

namespace Bridges.Bench;

/// <summary>
/// The Discord emulator with a bot in one guild of <c>channels</c> text channels, a Discord user posting in each, the
/// bridge host pointed at it, and on the Matrix side a watcher syncing in every portal and one sender per portal
/// (appservice-masqueraded <c>e2e_</c> users, as the IRC figures use). The same setup as the Discord tests' harness,
/// written here because the bench does not reference test projects.
/// </summary>
internal sealed class DiscordBenchSession : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopSync = new();
    private Task? _sync;
    private LatencyRun? _watching;

    private DiscordBenchSession(DiscordEmulator emulator, BridgeTestHost host, BenchMatrixClient matrix, EmulatedChannel[] channels, EmulatedUser[] posters)
    {
        Emulator = emulator;
        Host = host;
        Matrix = matrix;
        Channels = channels;
        Posters = posters;
    }

    public DiscordEmulator Emulator { get; }

    public BridgeTestHost Host { get; }

    public BenchMatrixClient Matrix { get; }

    public EmulatedChannel[] Channels { get; }

    /// <summary>The Discord user who posts in each channel (same index).</summary>
    public EmulatedUser[] Posters { get; }

    /// <summary>The portal room of each channel (same index).</summary>
    public string[] Rooms { get; private set; } = [];

    /// <summary>The Matrix user who speaks in each portal (same index).</summary>
    public string[] Senders { get; private set; } = [];

    /// <summary>The run the watcher's <c>/sync</c> feeds (read on the sync loop's thread); null between runs.</summary>
    public LatencyRun? Watching
    {
        get => Volatile.Read(ref _watching);
        set => Volatile.Write(ref _watching, value);
    }

    public static async Task<DiscordBenchSession> StartAsync(DiscordEmulatorOptions options, int channelCount, CancellationToken ct)
    {
        var emulator = new DiscordEmulator(options);
        BridgeTestHost? host = null;
        BenchMatrixClient? matrix = null;
        try
        {
            await emulator.StartAsync(ct);
            var bot = emulator.CreateBot("Relay");
            var posters = Enumerable.Range(0, channelCount).Select(i => emulator.AddUser($"poster{i}", $"Poster {i}")).ToArray();
            var guild = emulator.CreateGuild("Bench", posters[0]);
            foreach (var member in posters.Skip(1).Append(bot))
            {
                emulator.AddMember(guild, member);
            }

            var channels = Enumerable.Range(0, channelCount).Select(i => emulator.CreateTextChannel(guild, $"bench{i}", i)).ToArray();
            host = await BridgeTestHost.StartAsync(DiscordNetwork.Plugin, c =>
            {
                c["bridges:discord:bottoken"] = bot.Token;
                c["bridges:discord:apibaseurl"] = emulator.ApiBaseUrl.ToString();
                c["bridges:discord:cdnbaseurl"] = emulator.BaseUrl.ToString();
            }, ct: ct);
            matrix = new BenchMatrixClient(host);
            var session = new DiscordBenchSession(emulator, host, matrix, channels, posters);
            await session.JoinAsync(ct);
            return session;
        }
        catch
        {
            matrix?.Dispose();
            if (host is not null)
            {
                await host.DisposeAsync();
            }

            await emulator.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Feeds every webhook message in the channels not in <paramref name="seen"/> yet into <paramref name="run"/>
    /// (which ignores texts of other runs and repeats), stamped now. Returns true once all of
    /// the run's messages are there. Meant as the condition of <see cref="DiscordEmulator.WaitUntilAsync"/>, which calls
    /// it after each change of the emulator's world.
    /// </summary>
    public bool Feed(LatencyRun run, HashSet<string> seen)
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var channel in Channels)
        {
            foreach (var message in Emulator.MessagesIn(channel))
            {
                // Only the bridge's webhook messages are relayed Matrix messages; the posters' own are not.
                if (message.WebhookId is not null && seen.Add(message.Id))
                {
                    run.Arrived(message.Content, now);
                }
            }
        }

        return run.ArrivedCount == run.Count;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopSync.CancelAsync();
        if (_sync is not null)
        {
            await _sync.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stopSync.Dispose();
        Matrix.Dispose();
        await Host.DisposeAsync();
        await Emulator.DisposeAsync();
    }

    /// <summary>The watcher's joins create the portals (through their aliases); then each sender joins its portal.</summary>
    private async Task JoinAsync(CancellationToken ct)
    {
        var watcher = Matrix.UserId($"dwatch{Guid.NewGuid():N}"[..16]);
        await Matrix.RegisterAsync(watcher, ct);
        Rooms = new string[Channels.Length];
        for (var i = 0; i < Channels.Length; i++)
        {
            Rooms[i] = await Matrix.JoinAliasAsync(watcher, $"#discord_{Channels[i].Id}", ct);
        }

        _sync = Task.Run(() => Matrix.SyncAsync(watcher, (text, at) => Watching?.Arrived(text, at), _stopSync.Token), CancellationToken.None);
        Senders = new string[Channels.Length];
        for (var i = 0; i < Channels.Length; i++)
        {
            Senders[i] = Matrix.UserId($"dsend{i}x{Guid.NewGuid():N}"[..16]);
            await Matrix.RegisterAsync(Senders[i], ct);
            await Matrix.JoinAliasAsync(Senders[i], Rooms[i], ct);
        }
    }
}
