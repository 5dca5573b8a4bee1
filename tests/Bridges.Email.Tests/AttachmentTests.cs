using System.Text;
using System.Text.Json.Nodes;
using MimeKit;
using static Bridges.Email.Tests.EmailBridgeHarness;

namespace Bridges.Email.Tests;

/// <summary>Files travel both ways as MIME parts and Matrix media, within max_attachment_bytes; a larger one is told, never dropped silently.</summary>
public sealed class AttachmentTests
{
    private const int Limit = 4096;

    [Fact]
    public async Task Mail_attachments_become_Matrix_files_and_one_over_the_limit_becomes_a_line_saying_so()
    {
        await using var h = await EmailBridgeHarness.StartAsync(c => c["bridges:email:maxattachmentbytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var (user, management) = await h.CreateUserAsync("alice");
        var alice = TestMail.NewAddress("alice");
        var carol = TestMail.NewAddress("carol");
        await LoginAsync(user, management, alice);

        var mail = TestMail.Text(carol, "Carol", alice, "Files", "unused");
        var body = new BodyBuilder { TextBody = "Two files attached." };
        body.Attachments.Add("notes.txt", Encoding.UTF8.GetBytes("hello file"), new ContentType("text", "plain"));
        body.Attachments.Add("big.bin", new byte[Limit + 1000], new ContentType("application", "octet-stream"));
        mail.Body = body.ToMessageBody();
        await TestMail.SendAsync(mail);
        var room = await h.ThreadRoomAsync(user, alice, mail);

        var text = await user.WaitForMessageAsync(room, b => b.Contains("Two files attached.", StringComparison.Ordinal), WaitTime);
        Assert.Contains($"📎 big.bin was not bridged: it is larger than the {Limit}-byte attachment limit.", Body(text), StringComparison.Ordinal);
        var file = await user.WaitForEventAsync(room, e => e.GetProperty("type").GetString() == "m.room.message"
            && e.GetProperty("content").GetProperty("msgtype").GetString() == "m.file", WaitTime);
        var content = file.GetProperty("content");
        // The core sends the mail's text as the file's caption, so the name is in filename.
        Assert.Equal("notes.txt", content.TryGetProperty("filename", out var name) ? name.GetString() : content.GetProperty("body").GetString());
        Assert.StartsWith("mxc://", content.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal("text/plain", content.GetProperty("info").GetProperty("mimetype").GetString());
        Assert.Equal(10, content.GetProperty("info").GetProperty("size").GetInt64());
        Assert.Equal(h.GhostOf(carol), file.GetProperty("sender").GetString());
        Assert.DoesNotContain(EmailBridgeHarness.Messages(user, room), e => e.GetProperty("content").TryGetProperty("filename", out var f) && f.GetString() == "big.bin");
    }

    [Fact]
    public async Task A_mail_over_max_mail_bytes_is_bridged_with_its_text_and_a_line_naming_what_was_left_out()
    {
        await using var h = await EmailBridgeHarness.StartAsync(c => c["bridges:email:maxmailbytes"] = "20000");
        var (user, management) = await h.CreateUserAsync("alice");
        var alice = TestMail.NewAddress("alice");
        var carol = TestMail.NewAddress("carol");
        await LoginAsync(user, management, alice);

        var mail = TestMail.Text(carol, "Carol", alice, "Huge", "unused");
        var body = new BodyBuilder { TextBody = "The scan is attached.", HtmlBody = "<p>The scan is <b>attached</b>.</p>" };
        body.Attachments.Add("scan.bin", new byte[30000], new ContentType("application", "octet-stream"));
        mail.Body = body.ToMessageBody();
        await TestMail.SendAsync(mail);
        var room = await h.ThreadRoomAsync(user, alice, mail);

        var message = await user.WaitForMessageAsync(room, b => b.Contains("The scan is attached.", StringComparison.Ordinal), WaitTime);
        Assert.Matches(@"📎 This mail is \d+ bytes, over the 20000-byte limit; only its text was bridged, not: scan\.bin\.$", Body(message));
        Assert.Contains("<b>attached</b>", Formatted(message), StringComparison.Ordinal);
        Assert.Equal(h.GhostOf(carol), message.GetProperty("sender").GetString());
    }

    [Fact]
    public async Task A_Matrix_file_is_mailed_as_an_attachment_and_one_over_the_limit_is_refused_with_a_notice()
    {
        await using var h = await EmailBridgeHarness.StartAsync(c => c["bridges:email:maxattachmentbytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var (user, management) = await h.CreateUserAsync("alice");
        var alice = TestMail.NewAddress("alice");
        var carol = TestMail.NewAddress("carol");
        await LoginAsync(user, management, alice);
        var first = TestMail.Text(carol, "Carol", alice, "Report", "Send me the report?");
        await TestMail.SendAsync(first);
        var room = await h.ThreadRoomAsync(user, alice, first);
        await user.WaitForMessageAsync(room, b => b.Contains("Send me the report?", StringComparison.Ordinal), WaitTime);

        var report = Encoding.UTF8.GetBytes("quarterly numbers: 1, 2, 3");
        var uri = await user.UploadAsync(report, "text/plain", "report.txt");
        await user.SendEventAsync(room, "m.room.message", new JsonObject
        {
            ["msgtype"] = "m.file", ["body"] = "report.txt", ["url"] = uri,
            ["info"] = new JsonObject { ["mimetype"] = "text/plain", ["size"] = report.Length },
        });
        var (mail, _) = await TestMail.WaitForMailAsync(carol, m => m.Attachments.Any());
        var part = Assert.IsAssignableFrom<MimePart>(Assert.Single(mail.Attachments));
        Assert.Equal("report.txt", part.FileName);
        Assert.Equal("text/plain", part.ContentType.MimeType);
        using var decoded = new MemoryStream();
        await part.Content!.DecodeToAsync(decoded);
        Assert.Equal(report, decoded.ToArray());
        Assert.Equal(first.MessageId, mail.InReplyTo);

        var big = new byte[Limit + 1];
        var bigUri = await user.UploadAsync(big, "application/octet-stream", "big.bin");
        await user.SendEventAsync(room, "m.room.message", new JsonObject
        {
            ["msgtype"] = "m.file", ["body"] = "big.bin", ["url"] = bigUri,
            ["info"] = new JsonObject { ["mimetype"] = "application/octet-stream", ["size"] = big.Length },
        });
        var notice = await user.WaitForMessageAsync(room, b => b.StartsWith("⚠️", StringComparison.Ordinal), WaitTime);
        Assert.Contains("big.bin", Body(notice), StringComparison.Ordinal);
    }
}
