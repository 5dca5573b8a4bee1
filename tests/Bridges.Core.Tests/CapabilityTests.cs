using System.Text.Json.Nodes;
using Bridges.Core.Network;
using Bridges.Core.Tests.Support;
using Bridges.Loopback;

namespace Bridges.Core.Tests;

/// <summary>The core reads what a chat can carry before each send and converts or refuses out loud, never drops.</summary>
public sealed class CapabilityTests
{
    [Fact]
    public async Task Network_without_edits_and_with_a_100_character_limit_gets_split_messages_and_corrections()
    {
        var network = new LoopbackNetwork { Capabilities = new NetworkCapabilities { Edits = false, MaxTextLength = 100 } };
        await using var h = await LoopbackHarness.StartAsync(network: network);
        var carol = h.Network.AddUser("carol", "Carol", "carol-pw");
        var me = await h.UserAsync("me");
        await h.LoginAsync(me, carol, "carol-pw");
        var room = await h.OpenPortalAsync(me, "small");

        var words = string.Join(' ', Enumerable.Range(0, 60).Select(i => $"w{i:00}"));
        Assert.Equal(239, words.Length);
        var long300 = words + " " + new string('z', 60);
        var longEvent = await me.SendTextAsync(room, long300);
        // Parts go out in order: once the last is there, all are.
        await h.Network.WaitForSentAsync(s => s.Kind == LoopbackSentKind.Message && s.Text?.EndsWith("zzz", StringComparison.Ordinal) == true);
        var parts = h.Network.Sent.Where(s => s.Kind == LoopbackSentKind.Message && s.Text is { } t && (t.StartsWith('w') || t.StartsWith('z'))).ToList();
        Assert.True(parts.Count >= 3, $"{parts.Count} parts");
        Assert.All(parts, p => Assert.InRange(p.Text!.Length, 1, 100));
        Assert.Equal(long300, string.Join(' ', parts.Select(p => p.Text)));

        // The edit cannot be an edit here: it goes out as a corrected message.
        await me.SendEventAsync(room, "m.room.message", new JsonObject
        {
            ["msgtype"] = "m.text", ["body"] = "* short now",
            ["m.new_content"] = new JsonObject { ["msgtype"] = "m.text", ["body"] = "short now" },
            ["m.relates_to"] = new JsonObject { ["rel_type"] = "m.replace", ["event_id"] = longEvent.Value },
        });
        var correction = await h.Network.WaitForSentAsync(s => s.Text == "* short now");
        Assert.Equal(LoopbackSentKind.Message, correction.Kind);
        Assert.DoesNotContain(h.Network.Sent, s => s.Kind == LoopbackSentKind.Edit);

        // None of the parts came back into the room as a new message (their echoes are recognised as ours).
        h.Network.Alice.Send("small", "marker after the echoes");
        await me.WaitForMessageAsync(room, b => b == "marker after the echoes");
        var texts = (await me.GetMessagesAsync(room)).Where(e => e.Type() == "m.room.message").Select(e => e.Content().GetProperty("body").GetString()).ToList();
        Assert.Equal(1, texts.Count(t => t == long300));
        Assert.DoesNotContain(texts, t => t is not null && t != long300 && t.StartsWith("w00", StringComparison.Ordinal));
        h.Host.Homeserver?.AssertNoSpecViolations();
    }

    [Fact]
    public async Task Reaction_a_chat_cannot_take_is_refused_with_a_notice()
    {
        var network = new LoopbackNetwork();
        network.ChatCapabilities["plain"] = new NetworkCapabilities { Reactions = false };
        network.ChatCapabilities["emoji"] = new NetworkCapabilities { UnicodeReactionsOnly = true };
        await using var h = await LoopbackHarness.StartAsync(network: network);
        var carol = h.Network.AddUser("carol", "Carol", "carol-pw");
        var me = await h.UserAsync("me");
        await h.LoginAsync(me, carol, "carol-pw");
        var plain = await h.OpenPortalAsync(me, "plain");
        var emoji = await h.OpenPortalAsync(me, "emoji");
        var target = await me.WaitForMessageAsync(plain, b => b == "plain is open");
        var emojiTarget = await me.WaitForMessageAsync(emoji, b => b == "emoji is open");

        await React(me, plain, target.Id(), "👍");
        var notice = await h.WaitForNoticeAsync(me, plain, b => b.Contains("no reactions", StringComparison.Ordinal));
        Assert.Contains("Loopback", notice, StringComparison.Ordinal);

        await React(me, emoji, emojiTarget.Id(), "agreed");
        await h.WaitForNoticeAsync(me, emoji, b => b.Contains("only emoji", StringComparison.Ordinal));
        await React(me, emoji, emojiTarget.Id(), "👍🏽");
        var sent = await h.Network.WaitForSentAsync(s => s.Kind == LoopbackSentKind.Reaction);
        Assert.Equal("👍🏽", sent.Emoji);
        Assert.Single(h.Network.Sent, s => s.Kind == LoopbackSentKind.Reaction);
    }

    private static Task React(Bridges.Testing.MatrixTestUser user, Bridges.Matrix.Ids.RoomId room, string? target, string key) =>
        user.SendEventAsync(room, "m.reaction", new JsonObject
        {
            ["m.relates_to"] = new JsonObject { ["rel_type"] = "m.annotation", ["event_id"] = target, ["key"] = key },
        });
}
