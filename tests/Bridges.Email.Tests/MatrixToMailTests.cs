using System.Text.Json.Nodes;
using Bridges.Core.Network.Ids;
using static Bridges.Email.Tests.EmailBridgeHarness;

namespace Bridges.Email.Tests;

/// <summary>What a logged-in user writes in a thread portal goes out by SMTP as their answer in the thread.</summary>
public sealed class MatrixToMailTests
{
    [Fact]
    public async Task Matrix_reply_is_mailed_with_threading_headers_and_its_copy_in_the_inbox_is_not_bridged_back()
    {
        await using var h = await EmailBridgeHarness.StartAsync(c => c["bridges:email:sentfolder"] = "Sent");
        var (user, management) = await h.CreateUserAsync("alice");
        var alice = TestMail.NewAddress("alice");
        var carol = TestMail.NewAddress("carol");
        await LoginAsync(user, management, alice);
        var first = TestMail.Text(carol, "Carol", alice, "Lunch?", "Shall we have lunch?");
        await TestMail.SendAsync(first);
        var room = await h.ThreadRoomAsync(user, alice, first);
        var second = TestMail.Text(carol, "Carol", alice, "Re: Lunch?", "Or dinner?", inReplyTo: first);
        await TestMail.SendAsync(second);
        var secondEvent = await user.WaitForMessageAsync(room, b => b == "Or dinner?", WaitTime);

        await user.SendEventAsync(room, "m.room.message", new JsonObject
        {
            ["msgtype"] = "m.text", ["body"] = "Dinner, at eight.",
            ["m.relates_to"] = new JsonObject { ["m.in_reply_to"] = new JsonObject { ["event_id"] = secondEvent.GetProperty("event_id").GetString() } },
        });
        var (reply, raw) = await TestMail.WaitForMailAsync(carol, m => m.TextBody?.Contains("Dinner, at eight.", StringComparison.Ordinal) == true);
        Assert.Equal(alice, reply.From.Mailboxes.Single().Address);
        Assert.Equal([carol], reply.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("Re: Lunch?", reply.Subject);
        Assert.Equal(second.MessageId, reply.InReplyTo);
        Assert.Equal(new[] { first.MessageId!, second.MessageId! }, reply.References);
        Assert.EndsWith("@" + TestMail.Domain, reply.MessageId, StringComparison.Ordinal);
        Assert.StartsWith("bridges.", reply.MessageId, StringComparison.Ordinal);
        Assert.Contains("\nIn-Reply-To: <" + second.MessageId + ">", raw.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        // Our own Message-ID is mapped to the Matrix event, so a copy of the mail is known wherever it shows up.
        // (The core stores the mapping once the send returned, which may be after the mail reached carol.)
        var mapped = await h.MappedAsync(reply.MessageId!);
        Assert.Equal(room, mapped.RoomId);

        // A copy of the sent mail arrives in alice's INBOX (a Cc to herself, a list echo): it is not bridged again.
        await TestMail.SendAsIsAsync(reply, alice, alice);
        // A plain message (no reply) answers the thread's last mail, which is now our own answer.
        await user.SendTextAsync(room, "See you there.");
        var (plain, _) = await TestMail.WaitForMailAsync(carol, m => m.TextBody?.Contains("See you there.", StringComparison.Ordinal) == true);
        Assert.Equal(reply.MessageId, plain.InReplyTo);
        Assert.Equal(new[] { first.MessageId!, second.MessageId!, reply.MessageId! }, plain.References);
        // sent_folder: a copy of the first answer was filed in alice's Sent folder for her other mail clients (the
        // portal sends one message after the other, so it was done before the second went out). Only INBOX is read.
        Assert.Contains(reply.MessageId, await TestMail.MessageIdsInAsync(alice, "Sent"));
        var marker = TestMail.Text(carol, "Carol", alice, "Re: Lunch?", "Great!", inReplyTo: plain);
        await TestMail.SendAsync(marker);
        await user.WaitForMessageAsync(room, b => b == "Great!", WaitTime);
        var bodies = (await user.GetMessagesAsync(room)).Where(e => e.GetProperty("type").GetString() == "m.room.message").Select(Body).ToList();
        Assert.Single(bodies, b => b == "Dinner, at eight.");
        Assert.Single(bodies, b => b == "See you there.");
    }

    [Fact]
    public async Task A_mail_sent_from_Matrix_is_found_again_by_its_Message_ID_in_the_sent_folder()
    {
        await using var h = await EmailBridgeHarness.StartAsync(c => c["bridges:email:sentfolder"] = "Sent");
        var (user, management) = await h.CreateUserAsync("alice");
        var alice = TestMail.NewAddress("alice");
        var carol = TestMail.NewAddress("carol");
        await LoginAsync(user, management, alice);
        var first = TestMail.Text(carol, "Carol", alice, "Probe", "Are you there?");
        await TestMail.SendAsync(first);
        var room = await h.ThreadRoomAsync(user, alice, first);
        await user.WaitForMessageAsync(room, b => b.Contains("Are you there?", StringComparison.Ordinal), WaitTime);

        var sent = await user.SendTextAsync(room, "I am.");
        var (mail, _) = await TestMail.WaitForMailAsync(carol, m => m.TextBody?.Contains("I am.", StringComparison.Ordinal) == true);
        // The Message-ID comes from the Matrix event (the echo token), so a send repeated after a crash reuses it.
        Assert.Equal(Bridge.EmailIds.OwnMessageId(sent.Value, TestMail.Domain), mail.MessageId);
        await h.MappedAsync(mail.MessageId!);

        // What the core asks after a crash mid-send: found in Sent, the mail is not sent again; not found, nobody can tell.
        var login = Assert.Single(await h.Host.Bridge.Bridge.Stores.Logins.ListForUserAsync(user.UserId, CancellationToken.None));
        await using var client = new Bridge.EmailClient(h.Connector, login, Bridge.EmailLoginProcess.AccountOf(login, h.Connector.Passwords)!, sharedMailbox: null);
        var portal = new PortalKey(Bridge.EmailIds.ThreadPortal(first.MessageId!), login.Id);
        var found = await client.ProbeAsync(Probe(portal, sent.Value), DateTimeOffset.UtcNow.AddMinutes(-5), CancellationToken.None);
        Assert.Equal(Core.Network.DeliveryState.Delivered, found.State);
        Assert.Equal(mail.MessageId, found.Id!.Value.Value);
        var missing = await client.ProbeAsync(Probe(portal, "$never-sent:localhost"), DateTimeOffset.UtcNow.AddMinutes(-5), CancellationToken.None);
        Assert.Equal(Core.Network.DeliveryState.Unknown, missing.State);
    }

    [Fact]
    public async Task CR_LF_in_a_Matrix_subject_cannot_add_a_header_to_the_mail()
    {
        await using var h = await EmailBridgeHarness.StartAsync();
        var (user, management) = await h.CreateUserAsync("alice");
        var alice = TestMail.NewAddress("alice");
        var carol = TestMail.NewAddress("carol");
        var victim = TestMail.NewAddress("victim");
        await LoginAsync(user, management, alice);
        var first = TestMail.Text(carol, "Carol", alice, "Plans", "What are the plans?");
        await TestMail.SendAsync(first);
        var room = await h.ThreadRoomAsync(user, alice, first);
        await user.WaitForMessageAsync(room, b => b.Contains("What are the plans?", StringComparison.Ordinal), WaitTime);

        await user.SendEventAsync(room, "m.room.message", new JsonObject
        {
            ["msgtype"] = "m.text", ["body"] = "Injected?",
            ["net.bridges.subject"] = $"New plans\r\nBcc: {victim}\r\n\r\nbody takeover",
        });
        var (mail, raw) = await TestMail.WaitForMailAsync(carol, m => m.TextBody?.Contains("Injected?", StringComparison.Ordinal) == true);
        var headers = raw.ReplaceLineEndings("\n")[..raw.ReplaceLineEndings("\n").IndexOf("\n\n", StringComparison.Ordinal)];
        Assert.DoesNotContain(headers.Split('\n'), l => l.StartsWith("Bcc:", StringComparison.OrdinalIgnoreCase));
        Assert.Equal($"New plans Bcc: {victim} body takeover", mail.Subject);
        Assert.Empty(mail.Bcc);
        Assert.Equal([carol], mail.To.Mailboxes.Select(m => m.Address));
        Assert.Equal(0, await TestMail.CountAsync(victim));
    }

    [Fact]
    public async Task A_message_with_no_mail_to_answer_is_refused_with_a_notice()
    {
        await using var h = await EmailBridgeHarness.StartAsync();
        var (user, management) = await h.CreateUserAsync("alice");
        var alice = TestMail.NewAddress("alice");
        var carol = TestMail.NewAddress("carol");
        await LoginAsync(user, management, alice);
        var first = TestMail.Text(carol, "Carol", alice, "Hello", "Hi!");
        await TestMail.SendAsync(first);
        var room = await h.ThreadRoomAsync(user, alice, first);
        await user.WaitForMessageAsync(room, b => b.Contains("Hi!", StringComparison.Ordinal), WaitTime);

        // The portal forgets its last mail (as after a bridged mail's record was lost): nothing to answer, so nothing is sent.
        await h.Connector.Host.Store.SetAsync($"last:{alice}:{new PortalKey(Bridge.EmailIds.ThreadPortal(first.MessageId!), new UserLoginId(alice))}", null, CancellationToken.None);
        await user.SendTextAsync(room, "Anyone there?");
        var notice = await user.WaitForMessageAsync(room, b => b.StartsWith("⚠️", StringComparison.Ordinal), WaitTime);
        Assert.Contains("no mail in this room to answer", Body(notice), StringComparison.Ordinal);
    }

    /// <summary>What the core hands a probe: the message with its echo token (the Matrix event id).</summary>
    private static Core.Network.OutgoingMessage Probe(PortalKey portal, string echoToken) =>
        new(portal, Core.Content.BridgedContent.FromText(string.Empty), new Core.Logins.BridgeUser(Matrix.Ids.UserId.Create("alice", TestMail.Domain), Core.Permissions.PermissionLevel.User), echoToken);
}
