using Bridges.Testing;
using Microsoft.Extensions.Logging;
using static Bridges.Email.Tests.EmailBridgeHarness;

namespace Bridges.Email.Tests;

/// <summary>The IMAP reader survives a dropped connection and works with servers that offer no IDLE.</summary>
public sealed class ConnectionTests
{
    [Fact]
    public async Task A_dropped_IMAP_connection_is_reopened_and_mail_that_arrived_meanwhile_is_bridged()
    {
        await using var proxy = new ImapProxy();
        await using var h = await EmailBridgeHarness.StartAsync();
        var (user, management) = await h.CreateUserAsync("alice");
        var alice = TestMail.NewAddress("alice");
        var carol = TestMail.NewAddress("carol");
        await LoginAsync(user, management, alice, imapServer: proxy.Address);
        var first = TestMail.Text(carol, "Carol", alice, "Still there?", "before the drop");
        await TestMail.SendAsync(first);
        var room = await h.ThreadRoomAsync(user, alice, first);
        await user.WaitForMessageAsync(room, b => b.Contains("before the drop", StringComparison.Ordinal), WaitTime);
        var before = proxy.Accepted;

        proxy.DropAll();
        await TestMail.SendAsync(TestMail.Text(carol, "Carol", alice, "Re: Still there?", "after the drop", inReplyTo: first));

        await user.WaitForMessageAsync(room, b => b == "after the drop", WaitTime);
        Assert.True(proxy.Accepted > before, "The bridge did not open a new IMAP connection.");
    }

    [Fact]
    public async Task Without_IDLE_the_inbox_is_polled()
    {
        var logs = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Information));
        await using var proxy = new ImapProxy(hideIdle: true);
        await using var h = await EmailBridgeHarness.StartAsync(c => c["bridges:email:pollintervalseconds"] = "1", loggers);
        var (user, management) = await h.CreateUserAsync("alice");
        var alice = TestMail.NewAddress("alice");
        var carol = TestMail.NewAddress("carol");
        await LoginAsync(user, management, alice, imapServer: proxy.Address);

        var mail = TestMail.Text(carol, "Carol", alice, "Polled", "found by polling");
        await TestMail.SendAsync(mail);
        var room = await h.ThreadRoomAsync(user, alice, mail);

        await user.WaitForMessageAsync(room, b => b.Contains("found by polling", StringComparison.Ordinal), WaitTime);
        Assert.Contains(logs.Lines, l => l.Contains("offers no IDLE", StringComparison.Ordinal));
    }
}
