using Bridges.Irc.Tests.Support;

namespace Bridges.Irc.Tests.Bridge;

/// <summary>A stored password SASL refuses: no plain-text NickServ IDENTIFY unless <c>nickserv_fallback</c> is on, and the user is told.</summary>
public sealed class IrcBridgeSaslFallbackTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static async Task<(IrcBridgeHarness H, Bridges.Testing.MatrixTestUser Alice, Matrix.Ids.RoomId Management, string Puppet)> PuppetWithWrongPasswordAsync(bool fallback)
    {
        var h = await IrcBridgeHarness.StartAsync(configure: c => c[$"bridges:irc:networks:{IrcBridgeHarness.Network}:nickservfallback"] = fallback ? "true" : "false", captureLogs: true);
        var alice = await h.Host.CreateUserAsync("alice");
        var management = await h.ManagementRoomAsync(alice);
        await h.CommandAsync(alice, management, "login storepass", b => b.Contains("Password:", StringComparison.Ordinal));
        await alice.SendTextAsync(management, "not-the-password");
        await alice.WaitForMessageAsync(management, b => b.Contains("Password stored", StringComparison.Ordinal));

        // The puppet's nick has no account, so SASL PLAIN is refused (904).
        var channel = IrcTestEnv.UniqueChannel("sasl");
        var bob = await h.IrcUserAsync("saslbob");
        await bob.JoinAsync(channel, null, Ct);
        var room = await h.JoinPortalAsync(alice, channel);
        await alice.SendTextAsync(room, "hello");
        var puppet = IrcBridgeHarness.PuppetNick(alice);
        await Wait.UntilAsync(() => bob.GetChannel(channel)?.TryGetMember(puppet, out _) == true, "the puppet joined", TimeSpan.FromSeconds(20));
        return (h, alice, management, puppet);
    }

    /// <summary>Lines the puppet wrote (the client logs each at Trace, secrets as <c>COMMAND ***</c>).</summary>
    private static List<string> SentBy(IrcBridgeHarness h, string nick) =>
        [.. h.Logs!.Lines.Where(l => l.Contains($"{nick} >> ", StringComparison.Ordinal)).Select(l => l[(l.IndexOf(" >> ", StringComparison.Ordinal) + 4)..].Trim())];

    [Fact]
    public async Task Failed_sasl_does_not_fall_back_to_plain_nickserv_identify_and_the_user_is_told()
    {
        var (h, alice, management, puppet) = await PuppetWithWrongPasswordAsync(fallback: false);
        await using var _ = h;

        var notice = await alice.WaitForMessageAsync(management, b => b.Contains("could not log in", StringComparison.Ordinal));
        Assert.Contains(puppet, IrcBridgeHarness.Body(notice), StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", IrcBridgeHarness.Body(notice), StringComparison.Ordinal);
        var sent = SentBy(h, puppet);
        Assert.Contains("AUTHENTICATE ***", sent);
        Assert.DoesNotContain("PRIVMSG ***", sent);
        Assert.DoesNotContain(h.Logs!.Lines, l => l.Contains("not-the-password", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_nickserv_fallback_on_a_failed_sasl_identifies_with_nickserv()
    {
        var (h, _, _, puppet) = await PuppetWithWrongPasswordAsync(fallback: true);
        await using var _h = h;

        await Wait.UntilAsync(() => SentBy(h, puppet).Contains("PRIVMSG ***"), "the puppet identified with NickServ");
        Assert.DoesNotContain(h.Logs!.Lines, l => l.Contains("not-the-password", StringComparison.Ordinal));
    }
}
