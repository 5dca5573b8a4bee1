using System.Text.Json.Nodes;
using Bridges.Core.Content;
using Bridges.Core.Tests.Support;

namespace Bridges.Core.Tests;

/// <summary>Subjects and network headers (email) reach Matrix as one safe line each, and Matrix cannot set headers.</summary>
public sealed class SubjectAndHeaderTests
{
    [Fact]
    public async Task Remote_subject_leads_the_message_and_headers_arrive_sanitised()
    {
        await using var h = await LoopbackHarness.StartAsync();
        var carol = h.Network.AddUser("carol", "Carol", "carol-pw");
        var me = await h.UserAsync("me");
        await h.LoginAsync(me, carol, "carol-pw");
        var room = await h.OpenPortalAsync(me, "mail");

        h.Network.Alice.SendContent("mail", new BridgedContent
        {
            Text = "body <b>text</b>",
            Subject = "Hello\r\nBcc: victim@example.org",
            Headers = new Dictionary<string, string>
            {
                ["List-Id"] = "<dev.example.org>",
                ["Bad Name"] = "dropped",
                ["X-Folded"] = "one\r\n two\u0007",
                ["Empty"] = "\r\n",
            },
        });
        var evt = await me.WaitForEventAsync(room, e => e.Body() is { } b && b.EndsWith("body <b>text</b>", StringComparison.Ordinal));
        var content = evt.Content();
        Assert.Equal("Hello Bcc: victim@example.org\n\nbody <b>text</b>", content.GetProperty("body").GetString());
        Assert.Equal("<strong>Hello Bcc: victim@example.org</strong><br>body &lt;b&gt;text&lt;/b&gt;", content.GetProperty("formatted_body").GetString());
        Assert.Equal("Hello Bcc: victim@example.org", content.GetProperty("net.bridges.subject").GetString());
        var headers = content.GetProperty("net.bridges.headers").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.Equal(new Dictionary<string, string?> { ["List-Id"] = "<dev.example.org>", ["X-Folded"] = "one two" }, headers);
        h.Host.Homeserver?.AssertNoSpecViolations();
    }

    [Fact]
    public async Task Matrix_subject_goes_out_as_one_line_and_Matrix_headers_are_not_taken()
    {
        await using var h = await LoopbackHarness.StartAsync();
        var carol = h.Network.AddUser("carol", "Carol", "carol-pw");
        var me = await h.UserAsync("me");
        await h.LoginAsync(me, carol, "carol-pw");
        var room = await h.OpenPortalAsync(me, "mail");

        await me.SendEventAsync(room, "m.room.message", new JsonObject
        {
            ["msgtype"] = "m.text", ["body"] = "reply body",
            ["net.bridges.subject"] = "Re: plans\nBcc: everyone@example.org",
            ["net.bridges.headers"] = new JsonObject { ["Bcc"] = "everyone@example.org" },
        });
        var sent = await h.Network.WaitForSentAsync(s => s.Text == "reply body");
        Assert.Equal("Re: plans Bcc: everyone@example.org", sent.Content!.Subject);
        Assert.Empty(sent.Content.Headers);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a\r\nb", "a b")]
    [InlineData("\u0000\u001b[31m red", "[31m red")]
    [InlineData("line\u2028sep", "line sep")]
    [InlineData("\r\n\t", null)]
    public void Safe_line_has_no_line_breaks_or_controls(string input, string? expected) => Assert.Equal(expected, NetworkHeaders.SafeLine(input));

    [Fact]
    public void Headers_are_bounded_in_count_and_length()
    {
        var many = Enumerable.Range(0, 40).Select(i => new KeyValuePair<string, string>($"X-H{i}", new string('v', 2000)));
        var safe = NetworkHeaders.Sanitize(many);
        Assert.Equal(NetworkHeaders.MaxHeaders, safe.Count);
        Assert.All(safe.Values, v => Assert.Equal(NetworkHeaders.MaxValueLength, v.Length));
        Assert.Empty(NetworkHeaders.Sanitize([new("Subject:", "x"), new("", "x"), new("Näme", "x")]));
    }
}
