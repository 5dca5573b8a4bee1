using System.Text;
using System.Text.Json.Nodes;
using Bridges.Irc.Client;
using Bridges.Irc.Tests.Support;

namespace Bridges.Irc.Tests.Bridge;

/// <summary>Messages between a Matrix user (through their puppet) and IRC users, end to end on the real server.</summary>
public sealed class IrcBridgeMessagingTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Messages_flow_both_ways_between_a_matrix_user_and_an_irc_user()
    {
        await using var h = await IrcBridgeHarness.StartAsync();
        var (alice, room, bob, bobSees, channel) = await h.PortalWithIrcUserAsync("msg");
        var puppet = IrcBridgeHarness.PuppetNick(alice);

        await bob.SendPrivmsgAsync(channel, "hello from irc", null, Ct);
        var fromIrc = await alice.WaitForMessageAsync(room, b => b == "hello from irc");
        Assert.Equal(h.Ghost(bob.Nick), fromIrc.GetProperty("sender").GetString());

        await alice.SendTextAsync(room, "hello from matrix");
        var got = await bobSees.WaitForChatsAsync(c => c.Any(m => m.Text == "hello from matrix"), "alice's message on IRC");
        Assert.Equal(puppet, got.Single(m => m.Text == "hello from matrix").Source.Nick);

        // A notice and an action keep their kind both ways.
        await bob.SendActionAsync(channel, "waves", null, Ct);
        var emote = await alice.WaitForMessageAsync(room, b => b == "waves");
        Assert.Equal("m.emote", emote.GetProperty("content").GetProperty("msgtype").GetString());
        await alice.SendEventAsync(room, "m.room.message", new System.Text.Json.Nodes.JsonObject { ["msgtype"] = "m.emote", ["body"] = "waves back" });
        got = await bobSees.WaitForChatsAsync(c => c.Any(m => m.Text == "waves back"), "alice's action on IRC");
        Assert.Equal(IrcChatMessageKind.Action, got.Single(m => m.Text == "waves back").Kind);

        // Alice's own line never comes back to Matrix as a ghost's message.
        await bob.SendPrivmsgAsync(channel, "last", null, Ct);
        await alice.WaitForMessageAsync(room, b => b == "last");
        Assert.DoesNotContain(alice.Timeline(room), e => e.GetProperty("type").GetString() == "m.room.message"
            && e.GetProperty("sender").GetString() != alice.UserId.Value && IrcBridgeHarness.Body(e).Contains("from matrix", StringComparison.Ordinal));
        h.Host.Homeserver?.AssertNoSpecViolations();
    }

    [Fact]
    public async Task Formatting_survives_both_ways()
    {
        await using var h = await IrcBridgeHarness.StartAsync();
        var (alice, room, bob, bobSees, channel) = await h.PortalWithIrcUserAsync("fmt");

        await bob.SendPrivmsgAsync(channel, "\u0002bold\u0002 \u001Ditalic\u001D \u001Funder\u001F \u001Estrike\u001E \u0011mono\u0011 \u000304red\u000F plain", null, Ct);
        var formatted = await alice.WaitForMessageAsync(room, b => b.StartsWith("bold", StringComparison.Ordinal));
        Assert.Equal("bold italic under strike mono red plain", IrcBridgeHarness.Body(formatted));
        var html = IrcBridgeHarness.Html(formatted)!;
        Assert.Contains("<b>bold</b>", html, StringComparison.Ordinal);
        Assert.Contains("<i>italic</i>", html, StringComparison.Ordinal);
        Assert.Contains("<u>under</u>", html, StringComparison.Ordinal);
        Assert.Contains("<del>strike</del>", html, StringComparison.Ordinal);
        Assert.Contains("<code>mono</code>", html, StringComparison.Ordinal);
        Assert.Contains("<font data-mx-color=\"#ff0000\">red</font>", html, StringComparison.Ordinal);

        await alice.SendTextAsync(room, "bold italic red code", "<strong>bold</strong> <em>italic</em> <font data-mx-color=\"#ff0000\">red</font> <code>code</code>");
        var got = await bobSees.WaitForChatsAsync(c => c.Any(m => IrcFormatting.Strip(m.Text) == "bold italic red code"), "formatted line on IRC");
        Assert.Equal("\u0002bold\u0002 \u001Ditalic\u001D \u000304red\u000F \u0011code", got.Single(m => IrcFormatting.Strip(m.Text) == "bold italic red code").Text);
    }

    [Fact]
    public async Task Nicks_become_mentions_and_pills_become_nicks()
    {
        await using var h = await IrcBridgeHarness.StartAsync();
        var (alice, room, bob, bobSees, channel) = await h.PortalWithIrcUserAsync("men");
        var carol = await h.IrcUserAsync("mencarol");
        await carol.JoinAsync(channel, null, Ct);
        var puppet = IrcBridgeHarness.PuppetNick(alice);
        await Wait.UntilAsync(() => h.Host.Bridge.Bridge is not null && bob.GetChannel(channel)?.TryGetMember(carol.Nick, out _) == true, "carol joined");

        await bob.SendPrivmsgAsync(channel, $"{puppet}: ask {carol.Nick} about it", null, Ct);
        var mention = await alice.WaitForMessageAsync(room, b => b.EndsWith("about it", StringComparison.Ordinal));
        var html = IrcBridgeHarness.Html(mention)!;
        Assert.Contains($"<a href=\"https://matrix.to/#/{Uri.EscapeDataString(alice.UserId.Value)}\">{puppet}</a>", html, StringComparison.Ordinal);
        Assert.Contains($"https://matrix.to/#/{Uri.EscapeDataString(h.Ghost(carol.Nick))}", html, StringComparison.Ordinal);
        Assert.Contains(h.Ghost(carol.Nick), mention.GetProperty("content").GetProperty("m.mentions").GetProperty("user_ids").EnumerateArray().Select(e => e.GetString()));

        var pill = $"<a href=\"https://matrix.to/#/{h.Ghost(carol.Nick)}\">carol (IRC)</a>: thanks";
        await alice.SendEventAsync(room, "m.room.message", new JsonObject
        {
            ["msgtype"] = "m.text", ["body"] = "carol (IRC): thanks", ["format"] = "org.matrix.custom.html", ["formatted_body"] = pill,
            ["m.mentions"] = new JsonObject { ["user_ids"] = new JsonArray(h.Ghost(carol.Nick)) },
        });
        await bobSees.WaitForChatsAsync(c => c.Any(m => m.Text == $"{carol.Nick}: thanks"), "the pill as carol's nick");
    }

    [Fact]
    public async Task Long_utf8_message_is_split_on_boundaries_and_arrives_whole()
    {
        await using var h = await IrcBridgeHarness.StartAsync();
        var (alice, room, _, bobSees, _) = await h.PortalWithIrcUserAsync("long");
        var words = string.Join(' ', Enumerable.Range(0, 160).Select(i => $"wörd{i}€😀"));
        Assert.True(Encoding.UTF8.GetByteCount(words) > 2000);

        await alice.SendTextAsync(room, words);

        var puppet = IrcBridgeHarness.PuppetNick(alice);
        var lines = await bobSees.WaitForChatsAsync(c => string.Concat(c.Where(m => m.Source.Nick == puppet).Select(m => m.Text)) == words, "every piece of the long message", TimeSpan.FromSeconds(30));
        var pieces = lines.Where(m => m.Source.Nick == puppet).ToList();
        Assert.True(pieces.Count >= 4);
        Assert.All(pieces, p => Assert.True(Encoding.UTF8.GetByteCount(p.Text) <= 450));
        Assert.DoesNotContain(pieces, p => p.Text.Contains('\uFFFD', StringComparison.Ordinal));
    }

    [Fact]
    public async Task Line_breaks_from_matrix_never_inject_an_irc_command()
    {
        await using var h = await IrcBridgeHarness.StartAsync(captureLogs: true);
        var (alice, room, bob, bobSees, channel) = await h.PortalWithIrcUserAsync("inj");
        var puppet = IrcBridgeHarness.PuppetNick(alice);

        await alice.SendTextAsync(room, "hello\r\nQUIT :injected\rPRIVMSG #x :y\0z");
        await alice.SendTextAsync(room, "html", "a<br>QUIT :html\r\nJOIN #evil");
        await alice.SendTextAsync(room, "after");

        var got = await bobSees.WaitForChatsAsync(c => c.Any(m => m.Text == "after"), "the last line");
        var texts = got.Where(m => m.Source.Nick == puppet).Select(m => m.Text).ToList();
        Assert.Equal(["hello", "QUIT :injected", "PRIVMSG #x :yz", "a", "QUIT :html JOIN #evil", "after"], texts);
        Assert.True(bob.GetChannel(channel)!.TryGetMember(puppet, out _), "the puppet is still in the channel");
        // On the wire: the puppet sent only PRIVMSG lines after joining (the client logs each line it writes at Trace).
        var sent = h.Logs!.Lines.Where(l => l.Contains($"{puppet} >> ", StringComparison.Ordinal)).Select(l => l[(l.IndexOf(" >> ", StringComparison.Ordinal) + 4)..]).ToList();
        var afterJoin = sent.SkipWhile(l => !l.Contains("JOIN", StringComparison.Ordinal)).Skip(1).ToList();
        Assert.NotEmpty(afterJoin);
        Assert.All(afterJoin, l => Assert.Matches("^(@[^ ]+ )?(PRIVMSG " + System.Text.RegularExpressions.Regex.Escape(channel) + " |PING |PONG )", l));
    }

    [Fact]
    public async Task Replies_quote_their_target_and_edits_go_out_as_corrections()
    {
        await using var h = await IrcBridgeHarness.StartAsync();
        var (alice, room, bob, bobSees, channel) = await h.PortalWithIrcUserAsync("rep");
        await bob.SendPrivmsgAsync(channel, "what time is it?", null, Ct);
        var question = await alice.WaitForMessageAsync(room, b => b == "what time is it?");
        var questionId = question.GetProperty("event_id").GetString();

        var noon = await alice.SendEventAsync(room, "m.room.message", new JsonObject
        {
            ["msgtype"] = "m.text", ["body"] = "noon",
            ["m.relates_to"] = new JsonObject { ["m.in_reply_to"] = new JsonObject { ["event_id"] = questionId } },
        });
        var got = await bobSees.WaitForChatsAsync(c => c.Any(m => m.Text.EndsWith("noon", StringComparison.Ordinal)), "the reply");
        var reply = got.Single(m => m.Text.EndsWith("noon", StringComparison.Ordinal));
        Assert.Equal($"{bob.Nick}: \"what time is it?\" noon", reply.Text);
        Assert.False(string.IsNullOrEmpty(reply.Tags["+draft/reply"]));

        var sent = await alice.SendTextAsync(room, "teh answer");
        await bobSees.WaitForChatsAsync(c => c.Any(m => m.Text == "teh answer"), "the original");
        await alice.SendEventAsync(room, "m.room.message", new JsonObject
        {
            ["msgtype"] = "m.text", ["body"] = "* the answer",
            ["m.new_content"] = new JsonObject { ["msgtype"] = "m.text", ["body"] = "the answer" },
            ["m.relates_to"] = new JsonObject { ["rel_type"] = "m.replace", ["event_id"] = sent.Value },
        });
        await bobSees.WaitForChatsAsync(c => c.Any(m => m.Text == "* the answer"), "the correction");

        // An IRC reply (+draft/reply) becomes a Matrix reply to the right event.
        await bob.SendPrivmsgAsync(channel, "thanks", IrcTags.Empty.With("+draft/reply", reply.MsgId!), Ct);
        var thanks = await alice.WaitForMessageAsync(room, b => b == "thanks");
        Assert.Equal(noon.Value, thanks.GetProperty("content").GetProperty("m.relates_to").GetProperty("m.in_reply_to").GetProperty("event_id").GetString());
    }
}
