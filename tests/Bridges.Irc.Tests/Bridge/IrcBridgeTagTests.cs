using System.Text.Json;
using System.Text.Json.Nodes;
using Bridges.Irc.Client;

namespace Bridges.Irc.Tests.Bridge;

/// <summary>IRCv3 client tags (reply.md, react.md) and intentional mentions, end to end on the real server.</summary>
public sealed class IrcBridgeTagTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static IEnumerable<string?> MentionedUsers(JsonElement evt) =>
        evt.GetProperty("content").TryGetProperty("m.mentions", out var m) && m.TryGetProperty("user_ids", out var ids)
            ? ids.EnumerateArray().Select(e => e.GetString())
            : [];

    private static string? Redacted(JsonElement evt) =>
        evt.TryGetProperty("redacts", out var top) ? top.GetString()
        : evt.GetProperty("content").TryGetProperty("redacts", out var inContent) ? inContent.GetString() : null;

    [Fact]
    public async Task Ratified_reply_tag_becomes_a_matrix_reply_that_mentions_the_replied_matrix_user()
    {
        await using var h = await IrcBridgeHarness.StartAsync();
        var (alice, room, bob, bobSees, channel) = await h.PortalWithIrcUserAsync("rtag");

        var question = await alice.SendTextAsync(room, "question from matrix");
        var line = (await bobSees.WaitForChatsAsync(c => c.Any(m => m.Text == "question from matrix"), "alice's line")).Single(m => m.Text == "question from matrix");
        var answerSent = await bob.SendPrivmsgAsync(channel, "answer from irc", IrcTags.Empty.With("+reply", line.MsgId!), Ct);

        var answer = await alice.WaitForMessageAsync(room, b => b == "answer from irc");
        Assert.Equal(question.Value, answer.GetProperty("content").GetProperty("m.relates_to").GetProperty("m.in_reply_to").GetProperty("event_id").GetString());
        Assert.Contains(alice.UserId.Value, MentionedUsers(answer));

        // Matrix replies go out with the ratified tag, and the draft one for older clients.
        await alice.SendEventAsync(room, "m.room.message", new JsonObject
        {
            ["msgtype"] = "m.text", ["body"] = "ok",
            ["m.relates_to"] = new JsonObject { ["m.in_reply_to"] = new JsonObject { ["event_id"] = answer.GetProperty("event_id").GetString() } },
        });
        var ok = (await bobSees.WaitForChatsAsync(c => c.Any(m => m.Text.EndsWith("ok", StringComparison.Ordinal) && m.Source.Nick != bob.Nick), "alice's reply"))
            .Single(m => m.Text.EndsWith("ok", StringComparison.Ordinal) && m.Source.Nick != bob.Nick);
        Assert.Equal(answerSent[0].MsgId, ok.Tags["+reply"]);
        Assert.Equal(answerSent[0].MsgId, ok.Tags["+draft/reply"]);
    }

    [Fact]
    public async Task Mention_of_a_puppet_nick_notifies_its_matrix_user()
    {
        await using var h = await IrcBridgeHarness.StartAsync();
        var (alice, room, bob, _, channel) = await h.PortalWithIrcUserAsync("pmen");
        var puppet = IrcBridgeHarness.PuppetNick(alice);

        await bob.SendPrivmsgAsync(channel, $"{puppet}: are you there?", null, Ct);

        var mention = await alice.WaitForMessageAsync(room, b => b.EndsWith("are you there?", StringComparison.Ordinal));
        Assert.Equal([alice.UserId.Value], MentionedUsers(mention));
        Assert.Contains($"<a href=\"https://matrix.to/#/{Uri.EscapeDataString(alice.UserId.Value)}\">{puppet}</a>", IrcBridgeHarness.Html(mention)!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreact_tag_removes_the_reaction_it_names()
    {
        await using var h = await IrcBridgeHarness.StartAsync();
        var (alice, room, bob, bobSees, channel) = await h.PortalWithIrcUserAsync("unr");
        var sent = await bob.SendPrivmsgAsync(channel, "react to this", null, Ct);
        var target = await alice.WaitForMessageAsync(room, b => b == "react to this");
        var msgId = sent[0].MsgId!;

        await bob.SendTagMsgAsync(channel, IrcTags.Empty.With("+draft/react", "👍").With("+reply", msgId), Ct);
        var reaction = await alice.WaitForEventAsync(room, e => e.GetProperty("type").GetString() == "m.reaction" && e.GetProperty("sender").GetString() == h.Ghost(bob.Nick));
        Assert.Equal(target.GetProperty("event_id").GetString(), reaction.GetProperty("content").GetProperty("m.relates_to").GetProperty("event_id").GetString());

        await bob.SendTagMsgAsync(channel, IrcTags.Empty.With("+draft/unreact", "👍").With("+reply", msgId), Ct);
        await alice.WaitForEventAsync(room, e => e.GetProperty("type").GetString() == "m.room.redaction" && Redacted(e) == reaction.GetProperty("event_id").GetString());

        // And the other way: a Matrix reaction taken back goes out as +draft/unreact.
        var mine = await alice.SendEventAsync(room, "m.reaction", new JsonObject
        {
            ["m.relates_to"] = new JsonObject { ["rel_type"] = "m.annotation", ["event_id"] = target.GetProperty("event_id").GetString(), ["key"] = "🎉" },
        });
        await bobSees.WaitForChatsAsync(c => c.Any(m => m.Tags["+draft/react"] == "🎉"), "alice's reaction");
        await alice.RedactAsync(room, mine);
        var unreact = (await bobSees.WaitForChatsAsync(c => c.Any(m => m.Tags["+draft/unreact"] == "🎉"), "alice's unreaction")).Single(m => m.Tags["+draft/unreact"] == "🎉");
        Assert.Equal(msgId, unreact.Tags["+reply"]);
    }
}
