using static Bridges.Email.Tests.EmailBridgeHarness;

namespace Bridges.Email.Tests;

/// <summary>A shared mailbox is one room: all its mail lands there, and the room's Matrix users are relayed from its address.</summary>
public sealed class SharedMailboxTests
{
    [Fact]
    public async Task An_admin_bridges_an_existing_room_to_a_shared_mailbox_by_its_address()
    {
        var desk = TestMail.NewAddress("desk");
        await using var h = await EmailBridgeHarness.StartAsync(c =>
        {
            Desk(c, desk);
            c["bridges:email:permissions:admin:0"] = "localhost";
        });
        await h.WaitForCursorAsync("mailbox-desk", 0);
        var admin = await h.Host.CreateUserAsync("admin");
        var room = await admin.CreateRoomAsync(new System.Text.Json.Nodes.JsonObject
        {
            ["preset"] = "public_chat", ["name"] = "Our help desk",
            ["invite"] = new System.Text.Json.Nodes.JsonArray(h.Host.Bridge.Bridge.Intents.BotUserId.Value),
            // The bot sets the bridge state and invites ghosts, so it needs power in the room.
            ["power_level_content_override"] = new System.Text.Json.Nodes.JsonObject
            {
                ["users"] = new System.Text.Json.Nodes.JsonObject { [admin.UserId.Value] = 100, [h.Host.Bridge.Bridge.Intents.BotUserId.Value] = 100 },
            },
        });
        await admin.WaitForEventAsync(room, e => e.GetProperty("type").GetString() == "m.room.member"
            && e.GetProperty("state_key").GetString() == h.Host.Bridge.Bridge.Intents.BotUserId.Value
            && e.GetProperty("content").GetProperty("membership").GetString() == "join", WaitTime);

        await admin.SendTextAsync(room, "!email bridge " + desk.ToUpperInvariant());
        // The bot greets a fresh room with it as its only other member; the command's answer comes after.
        var answer = await admin.WaitForMessageAsync(room, b => !b.StartsWith("!email", StringComparison.Ordinal) && !b.StartsWith("Hello!", StringComparison.Ordinal), WaitTime);
        Assert.Equal("This room is now bridged to mailbox-desk.", Body(answer));

        var carol = TestMail.NewAddress("carol");
        await TestMail.SendAsync(TestMail.Text(carol, "Carol", desk, "Hello desk", "Is this the help desk?"));
        var mail = await admin.WaitForMessageAsync(room, b => b.Contains("Is this the help desk?", StringComparison.Ordinal), WaitTime);
        Assert.Equal(h.GhostOf(carol), mail.GetProperty("sender").GetString());
    }

    [Fact]
    public async Task Every_mail_to_a_shared_mailbox_lands_in_its_room_and_answers_go_out_from_its_address_with_the_senders_name()
    {
        var desk = TestMail.NewAddress("desk");
        await using var h = await EmailBridgeHarness.StartAsync(c =>
        {
            Desk(c, desk);
        });
        // The mailbox starts reading at the mail there when it first connects.
        await h.WaitForCursorAsync("mailbox-desk", 0);
        var agent = await h.Host.CreateUserAsync("agent");
        var victim = TestMail.NewAddress("victim");
        await agent.SetDisplayNameAsync($"Agent Smith\r\nBcc: {victim}");
        var room = await agent.JoinAsync($"#email_mailbox-desk:{h.Host.ServerName}");

        var carol = TestMail.NewAddress("carol");
        var dave = TestMail.NewAddress("dave");
        await TestMail.SendAsync(TestMail.Text(carol, "Carol", desk, "Order 1", "Where is my order?"));
        var question = TestMail.Text(dave, "Dave", desk, "Question", "Do you ship abroad?");
        await TestMail.SendAsync(question);
        var fromCarol = await agent.WaitForMessageAsync(room, b => b.Contains("Where is my order?", StringComparison.Ordinal), WaitTime);
        var fromDave = await agent.WaitForMessageAsync(room, b => b.Contains("Do you ship abroad?", StringComparison.Ordinal), WaitTime);
        Assert.Equal(h.GhostOf(carol), fromCarol.GetProperty("sender").GetString());
        Assert.Equal(h.GhostOf(dave), fromDave.GetProperty("sender").GetString());
        // Threads share the room, so each mail shows its subject.
        Assert.Equal("Question\n\nDo you ship abroad?", Body(fromDave));

        await agent.SendEventAsync(room, "m.room.message", new System.Text.Json.Nodes.JsonObject
        {
            ["msgtype"] = "m.text", ["body"] = "Yes, worldwide.",
            ["m.relates_to"] = new System.Text.Json.Nodes.JsonObject { ["m.in_reply_to"] = new System.Text.Json.Nodes.JsonObject { ["event_id"] = fromDave.GetProperty("event_id").GetString() } },
        });
        var (answer, raw) = await TestMail.WaitForMailAsync(dave, m => m.TextBody?.Contains("Yes, worldwide.", StringComparison.Ordinal) == true);
        var from = Assert.Single(answer.From.Mailboxes);
        Assert.Equal(desk, from.Address);
        Assert.StartsWith("Agent Smith", from.Name, StringComparison.Ordinal);
        Assert.EndsWith(" via Help desk", from.Name, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', from.Name!);
        Assert.Equal([dave], answer.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("Re: Question", answer.Subject);
        Assert.Equal(question.MessageId, answer.InReplyTo);
        var headers = raw.ReplaceLineEndings("\n")[..raw.ReplaceLineEndings("\n").IndexOf("\n\n", StringComparison.Ordinal)];
        Assert.DoesNotContain(headers.Split('\n'), l => l.StartsWith("Bcc:", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(0, await TestMail.CountAsync(victim));
        Assert.Equal(0, await TestMail.CountAsync(carol));
    }

    /// <summary>A shared mailbox "desk" at <paramref name="address"/> on the test servers, and no personal logins.</summary>
    private static void Desk(IDictionary<string, string?> c, string address)
    {
        c["bridges:email:loginkey"] = null;
        c["bridges:email:sharedmailboxes:desk:address"] = address;
        c["bridges:email:sharedmailboxes:desk:displayname"] = "Help desk";
        c["bridges:email:sharedmailboxes:desk:imaphost"] = TestMail.Imap.Host;
        c["bridges:email:sharedmailboxes:desk:imapport"] = TestMail.Imap.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        c["bridges:email:sharedmailboxes:desk:imaptls"] = "none";
        c["bridges:email:sharedmailboxes:desk:smtphost"] = TestMail.Smtp.Host;
        c["bridges:email:sharedmailboxes:desk:smtpport"] = TestMail.Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        c["bridges:email:sharedmailboxes:desk:smtptls"] = "none";
        c["bridges:email:sharedmailboxes:desk:password"] = TestMail.Password;
    }
}
