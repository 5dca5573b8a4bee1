using System.Globalization;
using Bridges.Testing;
using Bridges.Tests.Shared;
using static Bridges.Email.Tests.EmailBridgeHarness;

namespace Bridges.Email.Tests;

/// <summary>
/// Every mail reaches Matrix exactly once: the INBOX cursor moves only after the core bridged a mail, a killed host
/// reads again from there, and the message map (keyed by Message-ID) drops what was bridged already.
/// </summary>
public sealed class DeliveryTests
{
    [Fact]
    public async Task Every_mail_arrives_exactly_once_when_the_host_is_killed_while_mail_is_arriving()
    {
        const int Count = 60;
        await using var h = await EmailBridgeHarness.StartAsync();
        var (user, management) = await h.CreateUserAsync("alice");
        var alice = TestMail.NewAddress("alice");
        var carol = TestMail.NewAddress("carol");
        await LoginAsync(user, management, alice);
        var root = TestMail.Text(carol, "Carol", alice, "Burst", "crash 00");
        await TestMail.SendAsync(root);
        var room = await h.ThreadRoomAsync(user, alice, root);

        var sending = Task.Run(async () =>
        {
            for (var i = 1; i < Count; i++)
            {
                await TestMail.SendAsync(TestMail.Text(carol, "Carol", alice, "Re: Burst", string.Create(CultureInfo.InvariantCulture, $"crash {i:D2}"), inReplyTo: root));
            }
        });
        await user.WaitForMessageAsync(room, b => b == "crash 03", WaitTime);
        await h.Host.KillAsync();
        var cursorAtKill = await h.CursorUidAsync(alice);
        await sending.WithTimeout("the rest of the burst to be sent", WaitTime);
        await h.Host.RestartAsync();

        await user.WaitForMessageAsync(room, b => b == $"crash {Count - 1:D2}", WaitTime);
        // The cursor ends on the last mail (UIDs count from 1 in a fresh mailbox), stored after that mail was bridged.
        await h.WaitForCursorAsync(alice, Count);
        Assert.Equal(Count, await h.CursorUidAsync(alice));
        Assert.True(cursorAtKill < Count, $"The kill came after the whole burst (cursor {cursorAtKill}).");
        var bodies = (await user.GetMessagesAsync(room)).Where(e => e.GetProperty("type").GetString() == "m.room.message").Select(Body).ToList();
        // Each mail once, in the INBOX's UID order (Postfix delivers a burst in any order).
        var inbox = await TestMail.BodiesAsync(alice);
        Assert.Equal(Enumerable.Range(0, Count).Select(i => $"crash {i:D2}").Order(StringComparer.Ordinal), inbox.Order(StringComparer.Ordinal));
        Assert.Equal(inbox.Select(b => b == "crash 00" ? "Burst\n\ncrash 00" : b), bodies);
    }

    [Fact]
    public async Task The_cursor_stays_before_a_mail_until_it_is_bridged_so_a_kill_then_bridges_it_once()
    {
        // The bridge reaches the homeserver through a proxy that can hold the ghost's send of a mail in flight.
        HoldingHttpProxy? homeserver = null;
        await using var h = await EmailBridgeHarness.StartAsync(c =>
        {
            homeserver = HoldingHttpProxy.StartAsync(new Uri(c["homeserver:url"]!)).GetAwaiter().GetResult();
            c["homeserver:url"] = homeserver.Url.ToString();
        });
        await using var proxy = homeserver!;
        var (user, management) = await h.CreateUserAsync("alice");
        var alice = TestMail.NewAddress("alice");
        var carol = TestMail.NewAddress("carol");
        await LoginAsync(user, management, alice);
        var root = TestMail.Text(carol, "Carol", alice, "Held", "first");
        await TestMail.SendAsync(root);
        var room = await h.ThreadRoomAsync(user, alice, root);
        await h.WaitForCursorAsync(alice, 1);

        var hold = proxy.Hold(r => r.Method == "PUT" && r.Path.Value!.Contains($"/rooms/{room.Value}/send/m.room.message/", StringComparison.Ordinal));
        await TestMail.SendAsync(TestMail.Text(carol, "Carol", alice, "Re: Held", "second", inReplyTo: root));
        await TestWait.UntilAsync(() => proxy.HeldRequests > 0, "the second mail's send to be held at the homeserver", WaitTime);
        // Read and pushed, not bridged: the cursor has not moved past it.
        Assert.Equal(1, await h.CursorUidAsync(alice));

        await h.Host.KillAsync();
        hold.Dispose();
        await h.Host.RestartAsync();
        await TestMail.SendAsync(TestMail.Text(carol, "Carol", alice, "Re: Held", "third", inReplyTo: root));
        await user.WaitForMessageAsync(room, b => b == "third", WaitTime);
        await h.WaitForCursorAsync(alice, 3);

        var bodies = (await user.GetMessagesAsync(room)).Where(e => e.GetProperty("type").GetString() == "m.room.message").Select(Body).ToList();
        Assert.Equal(["Held\n\nfirst", "second", "third"], bodies);
    }

    [Fact]
    public async Task A_changed_UIDVALIDITY_reads_the_inbox_again_without_duplicates()
    {
        await using var h = await EmailBridgeHarness.StartAsync();
        var (user, management) = await h.CreateUserAsync("alice");
        var alice = TestMail.NewAddress("alice");
        var carol = TestMail.NewAddress("carol");
        await LoginAsync(user, management, alice);
        var root = TestMail.Text(carol, "Carol", alice, "Resync", "one");
        await TestMail.SendAsync(root);
        var room = await h.ThreadRoomAsync(user, alice, root);
        await TestMail.SendAsync(TestMail.Text(carol, "Carol", alice, "Re: Resync", "two", inReplyTo: root));
        await user.WaitForMessageAsync(room, b => b == "two", WaitTime);
        await h.WaitForCursorAsync(alice, 2);

        // As if the server had rebuilt its UIDs: the stored cursor names a UIDVALIDITY the mailbox no longer has.
        var stored = (await h.CursorAsync(alice))!.Split(':');
        await h.Connector.Host.Store.SetAsync("cursor:" + alice, $"v1:1:{stored[2]}:{stored[3]}", CancellationToken.None);
        await h.Host.RestartAsync();
        await TestMail.SendAsync(TestMail.Text(carol, "Carol", alice, "Re: Resync", "three", inReplyTo: root));
        await user.WaitForMessageAsync(room, b => b == "three", WaitTime);

        var bodies = (await user.GetMessagesAsync(room)).Where(e => e.GetProperty("type").GetString() == "m.room.message").Select(Body).ToList();
        Assert.Equal(["Resync\n\none", "two", "three"], bodies);
        Assert.NotEqual("1", (await h.CursorAsync(alice))!.Split(':')[1]);
    }
}
