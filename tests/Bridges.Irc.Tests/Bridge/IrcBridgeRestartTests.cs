using System.Diagnostics;
using Bridges.Irc.Tests.Support;

namespace Bridges.Irc.Tests.Bridge;

/// <summary>Tests that stop the shared IRC server run alone: xunit runs this collection after the parallel ones.</summary>
[CollectionDefinition(nameof(IrcServerRestartCollection), DisableParallelization = true)]
public sealed class IrcServerRestartCollection;

/// <summary>The IRC server goes away and comes back: every puppet reconnects and rejoins, and nothing sent meanwhile is lost.</summary>
[Collection(nameof(IrcServerRestartCollection))]
public sealed class IrcBridgeRestartTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static async Task IrcServerAsync(string action)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", [Path.Combine(RepoRoot(), "testenv", "irc.sh"), action])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await process.StandardError.ReadToEndAsync() + await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
        Assert.True(process.ExitCode == 0, $"irc.sh {action} failed: {output}");
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "testenv", "irc.sh")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("testenv/irc.sh not found above the test binaries.");
    }

    [Fact]
    public async Task Puppets_reconnect_and_rejoin_and_messages_sent_during_the_outage_arrive()
    {
        // The bridge reaches the server through a gate the test holds shut after the restart until an IRC user is
        // back in the channel, so what the puppets deliver on reconnecting finds someone there to see it.
        await using var gate = new GatedTcpProxy(IrcTestEnv.Plain);
        await using var h = await IrcBridgeHarness.StartAsync(gate.Endpoint, captureLogs: true);
        var channel = IrcTestEnv.UniqueChannel("restart");
        var bob = await h.IrcUserAsync("restartbob", IrcTestEnv.Plain);
        var bobSees = new ChatCollector(bob);
        await bob.JoinAsync(channel, null, Ct);
        var alice = await h.Host.CreateUserAsync("alice");
        var dave = await h.Host.CreateUserAsync("dave");
        var aliceRoom = await h.JoinPortalAsync(alice, channel);
        var daveRoom = await h.JoinPortalAsync(dave, channel);
        var (a, d) = (IrcBridgeHarness.PuppetNick(alice), IrcBridgeHarness.PuppetNick(dave));
        await alice.SendTextAsync(aliceRoom, "before a");
        await dave.SendTextAsync(daveRoom, "before d");
        await bobSees.WaitForChatsAsync(c => c.Any(m => m.Text == "before a") && c.Any(m => m.Text == "before d"), "both puppets spoke");

        try
        {
            await IrcServerAsync("down");
            gate.IsOpen = false;
            await Wait.UntilAsync(() => !bob.IsConnected, "bob noticed the server went away", TimeSpan.FromSeconds(30));
            await alice.SendTextAsync(aliceRoom, "during a1");
            await dave.SendTextAsync(daveRoom, "during d1");
            await alice.SendTextAsync(aliceRoom, "during a2");
        }
        finally
        {
            await IrcServerAsync("up");
        }

        var carol = await h.IrcUserAsync("restartcarol", IrcTestEnv.Plain);
        var carolSees = new ChatCollector(carol);
        await carol.JoinAsync(channel, null, Ct);
        gate.IsOpen = true;
        await Wait.UntilAsync(() => carol.GetChannel(channel)!.TryGetMember(a, out _) && carol.GetChannel(channel)!.TryGetMember(d, out _),
            "both puppets rejoined the channel", TimeSpan.FromSeconds(60));
        var got = await carolSees.WaitForChatsAsync(c => c.Any(m => m.Text == "during a2") && c.Any(m => m.Text == "during d1"), "what was sent during the outage", TimeSpan.FromSeconds(60));
        var aliceLines = got.Where(m => m.Source.Nick == a).Select(m => m.Text).ToList();
        Assert.True(aliceLines.SequenceEqual(["during a1", "during a2"]),
            $"alice's lines: {string.Join(" | ", aliceLines)}\nnotices: {string.Join(" | ", alice.Timeline(aliceRoom).Where(e => e.GetProperty("content").TryGetProperty("msgtype", out var t) && t.GetString() == "m.notice").Select(IrcBridgeHarness.Body))}"
            + $"\nlog: {string.Join("\n", h.Logs!.Lines.Where(l => !l.StartsWith("Trace", StringComparison.Ordinal) && !l.StartsWith("Debug", StringComparison.Ordinal)).TakeLast(60))}");

        // The relay bot is back too: IRC reaches Matrix again.
        await Wait.UntilAsync(() => carol.GetChannel(channel)!.TryGetMember(h.RelayNick, out _), "the relay bot rejoined the channel", TimeSpan.FromSeconds(60));
        await carol.SendPrivmsgAsync(channel, "after the restart", null, Ct);
        await alice.WaitForMessageAsync(aliceRoom, b => b == "after the restart", TimeSpan.FromSeconds(60));
        Assert.DoesNotContain(alice.Timeline(aliceRoom), e => e.GetProperty("type").GetString() == "m.room.message"
            && e.GetProperty("sender").GetString() == h.Host.Bridge.Bridge.Intents.BotUserId.Value);
    }
}
