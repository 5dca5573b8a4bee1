using Bridges.Irc.Tests.Support;

namespace Bridges.Irc.Tests.Bridge;

/// <summary>Puppet life: idle disconnect and reconnect on demand, nick and password commands, start order after a restart.</summary>
public sealed class IrcBridgePuppetTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task An_idle_puppet_disconnects_and_comes_back_when_its_user_speaks()
    {
        await using var h = await IrcBridgeHarness.StartAsync(configure: c => c["bridges:irc:networks:test:puppetidletimeout"] = "00:00:02");
        var channel = IrcTestEnv.UniqueChannel("idle");
        var bob = await h.IrcUserAsync("idlebob");
        var bobSees = new ChatCollector(bob);
        await bob.JoinAsync(channel, null, Ct);
        var alice = await h.Host.CreateUserAsync("alice");
        var room = await h.JoinPortalAsync(alice, channel);
        var puppet = IrcBridgeHarness.PuppetNick(alice);
        await alice.SendTextAsync(room, "one");
        await bobSees.WaitForChatsAsync(c => c.Any(m => m.Text == "one" && m.Source.Nick == puppet), "the first line");

        var quit = await bobSees.WaitForRawAsync(r => r.Any(m => m.Command == "QUIT" && m.SourceNick == puppet), "the idle puppet quits");
        Assert.Contains("Idle", quit.First(m => m.Command == "QUIT" && m.SourceNick == puppet).Param(0), StringComparison.Ordinal);

        await alice.SendTextAsync(room, "two");
        await bobSees.WaitForChatsAsync(c => c.Any(m => m.Text == "two" && m.Source.Nick == puppet), "the line after reconnecting", TimeSpan.FromSeconds(30));
        Assert.True(bob.GetChannel(channel)!.TryGetMember(puppet, out _), "the puppet rejoined the channel");
    }

    [Fact]
    public async Task A_user_active_in_several_portals_at_once_gets_one_puppet_connection()
    {
        await using var h = await IrcBridgeHarness.StartAsync();
        var channels = Enumerable.Range(0, 4).Select(_ => IrcTestEnv.UniqueChannel("many")).ToList();
        var bob = await h.IrcUserAsync("manybob");
        var bobSees = new ChatCollector(bob);
        foreach (var channel in channels)
        {
            await bob.JoinAsync(channel, null, Ct);
        }

        // The portals exist already (dave made them), so alice's joins reach the bridge together, one per portal queue.
        var dave = await h.Host.CreateUserAsync("dave");
        var rooms = new List<Bridges.Matrix.Ids.RoomId>();
        foreach (var channel in channels)
        {
            rooms.Add(await h.JoinPortalAsync(dave, channel));
        }

        var alice = await h.Host.CreateUserAsync("alice");
        await Task.WhenAll(rooms.Select(room => alice.JoinAsync(room.Value)));
        await Task.WhenAll(rooms.Select((room, i) => alice.SendTextAsync(room, $"at once {i}")));

        var got = await bobSees.WaitForChatsAsync(c => Enumerable.Range(0, 4).All(i => c.Any(m => m.Text == $"at once {i}")), "every line", TimeSpan.FromSeconds(30));
        var puppet = IrcBridgeHarness.PuppetNick(alice);
        Assert.All(got.Where(m => m.Text.StartsWith("at once", StringComparison.Ordinal)), m => Assert.Equal(puppet, m.Source.Nick));
        Assert.DoesNotContain(bobSees.Raw, m => m.Command == "JOIN" && m.SourceNick?.StartsWith(puppet, StringComparison.Ordinal) == true && m.SourceNick != puppet);
    }

    [Fact]
    public async Task The_quit_command_disconnects_the_puppet_until_its_user_speaks_again()
    {
        await using var h = await IrcBridgeHarness.StartAsync();
        var channel = IrcTestEnv.UniqueChannel("quit");
        var bob = await h.IrcUserAsync("quitbob");
        var bobSees = new ChatCollector(bob);
        await bob.JoinAsync(channel, null, Ct);
        var alice = await h.Host.CreateUserAsync("alice");
        var room = await h.JoinPortalAsync(alice, channel);
        var puppet = IrcBridgeHarness.PuppetNick(alice);
        await Wait.UntilAsync(() => bob.GetChannel(channel)?.TryGetMember(puppet, out _) == true, "alice's puppet joined the channel", TimeSpan.FromSeconds(20));

        var management = await h.ManagementRoomAsync(alice);
        await h.CommandAsync(alice, management, "quit off to lunch", b => b.StartsWith("Disconnected from", StringComparison.Ordinal));
        var quit = await bobSees.WaitForRawAsync(r => r.Any(m => m.Command == "QUIT" && m.SourceNick == puppet), "the puppet quits");
        Assert.Contains("off to lunch", quit.First(m => m.Command == "QUIT" && m.SourceNick == puppet).Param(0), StringComparison.Ordinal);

        await alice.SendTextAsync(room, "back again");
        await bobSees.WaitForChatsAsync(c => c.Any(m => m.Text == "back again" && m.Source.Nick == puppet), "the line after reconnecting", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Nick_and_stored_password_are_used_by_the_puppet()
    {
        await using var h = await IrcBridgeHarness.StartAsync();
        var account = IrcTestEnv.UniqueNick("acct");
        await using (var registrar = await IrcTestEnv.ConnectAsync(IrcTestEnv.Options(account)))
        {
            var notices = new ChatCollector(registrar);
            await registrar.SendPrivmsgAsync("NickServ", "REGISTER hunter2secret", null, Ct);
            await notices.WaitForChatsAsync(c => c.Any(m => m.Source.Nick == "NickServ" && m.Text.Contains("registered", StringComparison.OrdinalIgnoreCase)), "NickServ registered the account");
        }

        var alice = await h.Host.CreateUserAsync("alice");
        var management = await h.ManagementRoomAsync(alice);
        var networks = await h.CommandAsync(alice, management, "networks", b => b.StartsWith("- test", StringComparison.Ordinal));
        Assert.Contains("puppets", networks, StringComparison.Ordinal);
        await h.CommandAsync(alice, management, "login puppet", b => b.StartsWith("Logged in", StringComparison.Ordinal));
        await h.CommandAsync(alice, management, $"nick {account}", b => b == $"Your nick on test is now {account}.");

        // The login flow asks for the password as a secret field, so the core redacts the message that holds it.
        await h.CommandAsync(alice, management, "login storepass", b => b.Contains("Password:", StringComparison.Ordinal));
        var secret = await alice.SendTextAsync(management, "hunter2secret");
        await alice.WaitForEventAsync(management, e => e.GetProperty("type").GetString() == "m.room.redaction"
            && (e.TryGetProperty("redacts", out var r) ? r : e.GetProperty("content").GetProperty("redacts")).GetString() == secret.Value);
        await alice.WaitForMessageAsync(management, b => b.StartsWith("Logged in as", StringComparison.Ordinal) && b.Contains("Password stored", StringComparison.Ordinal));

        var channel = IrcTestEnv.UniqueChannel("acct");
        var bob = await h.IrcUserAsync("acctbob");
        await bob.JoinAsync(channel, null, Ct);
        var room = await h.JoinPortalAsync(alice, channel);
        await alice.SendTextAsync(room, "logged in?");
        await Wait.UntilAsync(() => bob.GetChannel(channel)?.TryGetMember(account, out _) == true, "the puppet joined under the chosen nick", TimeSpan.FromSeconds(20));
        var whois = await bob.WhoisAsync(account, Ct);
        Assert.Equal(account, whois!.Account);
        var answer = await h.CommandAsync(alice, management, $"whois {account}", b => b.StartsWith(account, StringComparison.Ordinal));
        Assert.Contains($"logged in as {account}", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_restart_puppets_reconnect_most_recent_speaker_first()
    {
        await using var h = await IrcBridgeHarness.StartAsync(configure: c => c["bridges:irc:networks:test:connectstagger"] = "00:00:01.500");
        var channel = IrcTestEnv.UniqueChannel("order");
        var bob = await h.IrcUserAsync("orderbob");
        var bobSees = new ChatCollector(bob);
        await bob.JoinAsync(channel, null, Ct);
        var alice = await h.Host.CreateUserAsync("alice");
        var dave = await h.Host.CreateUserAsync("dave");
        var aliceRoom = await h.JoinPortalAsync(alice, channel);
        await alice.SendTextAsync(aliceRoom, "first");
        await bobSees.WaitForChatsAsync(c => c.Any(m => m.Text == "first"), "alice spoke");
        var daveRoom = await h.JoinPortalAsync(dave, channel);
        await dave.SendTextAsync(daveRoom, "second");
        await bobSees.WaitForChatsAsync(c => c.Any(m => m.Text == "second"), "dave spoke");

        var before = bobSees.Raw.Count;
        await h.Host.RestartAsync();

        var (a, d) = (IrcBridgeHarness.PuppetNick(alice), IrcBridgeHarness.PuppetNick(dave));
        var raw = await bobSees.WaitForRawAsync(r => r.Skip(before).Count(m => m.Command == "JOIN" && (m.SourceNick == a || m.SourceNick == d)) == 2, "both puppets rejoined", TimeSpan.FromSeconds(30));
        var joins = raw.Skip(before).Where(m => m.Command == "JOIN" && (m.SourceNick == a || m.SourceNick == d)).Select(m => m.SourceNick).ToList();
        Assert.Equal([d, a], joins);
    }

    [Fact]
    public async Task A_user_who_only_joined_is_back_in_the_channel_after_a_restart()
    {
        await using var h = await IrcBridgeHarness.StartAsync();
        var channel = IrcTestEnv.UniqueChannel("lurk");
        var bob = await h.IrcUserAsync("lurkbob");
        var bobSees = new ChatCollector(bob);
        await bob.JoinAsync(channel, null, Ct);
        var alice = await h.Host.CreateUserAsync("alice");
        await h.JoinPortalAsync(alice, channel);
        var puppet = IrcBridgeHarness.PuppetNick(alice);
        await Wait.UntilAsync(() => bob.GetChannel(channel)?.TryGetMember(puppet, out _) == true, "alice's puppet joined", TimeSpan.FromSeconds(20));

        var before = bobSees.Raw.Count;
        await h.Host.RestartAsync();
        await bobSees.WaitForRawAsync(r => r.Skip(before).Any(m => m.Command == "JOIN" && m.SourceNick == puppet), "alice's puppet rejoined after the restart", TimeSpan.FromSeconds(30));
    }
}
