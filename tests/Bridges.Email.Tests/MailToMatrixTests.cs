using MimeKit;
using static Bridges.Email.Tests.EmailBridgeHarness;

namespace Bridges.Email.Tests;

/// <summary>Mail delivered by Postfix to a logged-in user's INBOX reaches Matrix: one portal per thread, one ghost per correspondent.</summary>
public sealed class MailToMatrixTests
{
    [Fact]
    public async Task Mail_arrives_in_a_thread_portal_from_the_senders_ghost_and_a_reply_joins_the_same_portal()
    {
        await using var h = await EmailBridgeHarness.StartAsync();
        var (user, management) = await h.CreateUserAsync("alice");
        var alice = TestMail.NewAddress("alice");
        var carol = TestMail.NewAddress("carol");
        Assert.StartsWith("Logged in as " + alice, await LoginAsync(user, management, alice), StringComparison.Ordinal);

        var first = TestMail.Text(carol, "Carol Example", alice, "Lunch?", "Shall we have lunch?");
        await TestMail.SendAsync(first);
        var room = await h.ThreadRoomAsync(user, alice, first);
        var message = await user.WaitForMessageAsync(room, b => b.Contains("Shall we have lunch?", StringComparison.Ordinal), WaitTime);
        Assert.Equal(h.GhostOf(carol), message.GetProperty("sender").GetString());
        // The subject leads the new thread (and names the room); the text body stays plain.
        Assert.Equal("Lunch?\n\nShall we have lunch?", Body(message));
        Assert.Equal("Lunch?", message.GetProperty("content").GetProperty("net.bridges.subject").GetString());
        var name = await user.GetStateEventAsync(room, "m.room.name");
        Assert.Equal("Lunch?", name!.Value.GetProperty("content").GetProperty("name").GetString());
        var ghost = await user.GetStateEventAsync(room, "m.room.member", h.GhostOf(carol));
        Assert.Contains("Carol Example", ghost!.Value.GetProperty("content").GetProperty("displayname").GetString(), StringComparison.Ordinal);

        // Carol answers herself: same thread, same portal, no subject line again.
        await TestMail.SendAsync(TestMail.Text(carol, "Carol Example", alice, "Re: Lunch?", "Noon at the usual place.", inReplyTo: first));
        var reply = await user.WaitForMessageAsync(room, b => b.Contains("Noon at the usual place.", StringComparison.Ordinal), WaitTime);
        Assert.Equal("Noon at the usual place.", Body(reply));
        Assert.Equal(message.GetProperty("event_id").GetString(),
            reply.GetProperty("content").GetProperty("m.relates_to").GetProperty("m.in_reply_to").GetProperty("event_id").GetString());

        // Another subject from Dave is another thread: a new portal of its own.
        var dave = TestMail.NewAddress("dave");
        var invoiceMail = TestMail.Text(dave, "Dave", alice, "Invoice 42", "Please find the invoice.");
        await TestMail.SendAsync(invoiceMail);
        var other = await h.ThreadRoomAsync(user, alice, invoiceMail);
        Assert.NotEqual(room, other);
        var invoice = await user.WaitForMessageAsync(other, b => b.Contains("Please find the invoice.", StringComparison.Ordinal), WaitTime);
        Assert.Equal(h.GhostOf(dave), invoice.GetProperty("sender").GetString());
        Assert.DoesNotContain(Messages(user, room), e => Body(e)!.Contains("invoice", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Html_mail_reaches_Matrix_sanitised_with_its_plain_text_as_body()
    {
        await using var h = await EmailBridgeHarness.StartAsync();
        var (user, management) = await h.CreateUserAsync("alice");
        var alice = TestMail.NewAddress("alice");
        var carol = TestMail.NewAddress("carol");
        await LoginAsync(user, management, alice);

        var mail = TestMail.Text(carol, "Carol", alice, "Formatted", "unused");
        mail.Body = new BodyBuilder
        {
            TextBody = "Hello in plain text",
            HtmlBody = "<html><head><style>p{color:red}</style><script>alert('head')</script></head><body><p>Hello <b>bold</b></p>"
                + "<script>alert('x')</script><img src=\"x\" onerror=\"alert(1)\"><a href=\"javascript:alert(2)\">link</a></body></html>",
        }.ToMessageBody();
        await TestMail.SendAsync(mail);
        var room = await h.ThreadRoomAsync(user, alice, mail);
        var message = await user.WaitForMessageAsync(room, b => b.Contains("Hello in plain text", StringComparison.Ordinal), WaitTime);
        var html = Formatted(message)!;
        Assert.Contains("<b>bold</b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("onerror", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.Ordinal);
        Assert.DoesNotContain("color:red", html, StringComparison.Ordinal);
        Assert.Equal("Formatted\n\nHello in plain text", Body(message));

        // HTML only: the plain body is the visible text of the HTML, scripts and styles left out.
        var htmlOnly = TestMail.Text(carol, "Carol", alice, "Only HTML", "unused");
        htmlOnly.Body = new TextPart("html") { Text = "<html><head><title>T</title><style>x{}</style></head><body><p>First <i>line</i></p><script>evil()</script><p>Second line</p></body></html>" };
        await TestMail.SendAsync(htmlOnly);
        var second = await h.ThreadRoomAsync(user, alice, htmlOnly);
        var converted = await user.WaitForMessageAsync(second, b => b.Contains("First line", StringComparison.Ordinal), WaitTime);
        Assert.Equal("Only HTML\n\nFirst line\nSecond line", Body(converted));
        Assert.Contains("<i>line</i>", Formatted(converted), StringComparison.Ordinal);
        Assert.DoesNotContain("evil", Formatted(converted), StringComparison.Ordinal);
    }
}
