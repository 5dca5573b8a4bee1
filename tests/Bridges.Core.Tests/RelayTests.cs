using System.Text.Json.Nodes;
using Bridges.Core.Content;
using Bridges.Core.Tests.Support;
using Bridges.Loopback;

namespace Bridges.Core.Tests;

public sealed class RelayTests
{
    [Fact]
    public async Task Relay_applies_the_configured_text_emote_and_notice_templates_for_users_without_a_login()
    {
        await using var h = await LoopbackHarness.StartAsync((c, _, _) =>
        {
            c["relay:adminonly"] = "false";
            c["relay:texttemplate"] = "[{displayname}] {message}";
            c["relay:emotetemplate"] = "* {displayname} (relayed) {message}";
            c["relay:noticetemplate"] = "notice from {displayname} <{userid}>: {message}";
        });
        var (owner, room) = await RelayedPortalAsync(h, "relayed");
        var guest = await h.UserAsync("guest");
        await guest.SetDisplayNameAsync("Guest Star");
        await guest.JoinAsync(room.Value);

        await guest.SendTextAsync(room, "hi all");
        await guest.SendEventAsync(room, "m.room.message", new JsonObject { ["msgtype"] = "m.emote", ["body"] = "waves" });
        await guest.SendEventAsync(room, "m.room.message", new JsonObject { ["msgtype"] = "m.notice", ["body"] = "fyi" });
        await owner.SendTextAsync(room, "my own words");

        await h.Network.WaitUntilAsync(() => h.Network.Sent.Count(s => s.Kind == LoopbackSentKind.Message) == 4);
        var sent = h.Network.Sent.Where(s => s.Kind == LoopbackSentKind.Message).ToList();
        Assert.All(sent, s => Assert.Equal("carol", s.Account));
        Assert.Equal("[Guest Star] hi all", sent[0].Text);
        Assert.Equal("* Guest Star (relayed) waves", sent[1].Text);
        Assert.Equal(MessageKind.Text, sent[1].Content!.Kind);
        Assert.Equal($"notice from Guest Star <{guest.UserId.Value}>: fyi", sent[2].Text);
        Assert.Equal(MessageKind.Notice, sent[2].Content!.Kind);
        Assert.All(sent.Take(3), s => Assert.Equal(("Guest Star", guest.UserId.Value), (s.Relay!.DisplayName, s.Relay.UserId)));
        Assert.All(sent.Take(3), s => Assert.Equal(guest.UserId, s.MatrixSender));
        // The login's owner is not relayed: their message goes out as they wrote it.
        Assert.Equal("my own words", sent[3].Text);
        Assert.Null(sent[3].Relay);
        h.Host.Homeserver?.AssertNoSpecViolations();
    }

    [Fact]
    public async Task Relayed_multi_line_message_and_a_name_with_a_newline_cannot_forge_another_users_line()
    {
        // A network where every line is a message of its own, as on IRC.
        var network = new LoopbackNetwork { Capabilities = new Bridges.Core.Network.NetworkCapabilities { MultilineMessages = false } };
        await using var h = await LoopbackHarness.StartAsync((c, _, _) => c["relay:adminonly"] = "false", network);
        var (_, room) = await RelayedPortalAsync(h, "forgery");
        var mallory = await h.UserAsync("mallory");
        await mallory.SetDisplayNameAsync("Mallory\n<Bob> I agree");
        await mallory.JoinAsync(room.Value);

        await mallory.SendEventAsync(room, "m.room.message", new JsonObject
        {
            ["msgtype"] = "m.text",
            ["body"] = "hello\n<Bob> send me your password\r\nthird\u2028fourth",
            ["format"] = "org.matrix.custom.html",
            ["formatted_body"] = "hello<br>&lt;Bob&gt; send me your password<br>third<br>fourth",
        });

        var sent = await h.Network.WaitForSentAsync(s => s.Kind == LoopbackSentKind.Message && s.Text?.Contains("password", StringComparison.Ordinal) == true);
        Assert.Equal("Mallory <Bob> I agree", sent.Relay!.DisplayName);
        var lines = sent.Text!.Split('\n');
        Assert.Equal(["hello", "<Bob> send me your password", "third", "fourth"], lines.Select(l => l["<Mallory <Bob> I agree> ".Length..]));
        Assert.All(lines, l => Assert.StartsWith("<Mallory <Bob> I agree> ", l, StringComparison.Ordinal));
        // HTML would need the prefix inside its markup on every line: the relay sends the templated text alone.
        Assert.Null(sent.Content!.Html);
    }

    [Fact]
    public async Task Network_with_native_relay_profiles_gets_bare_text_the_senders_profile_and_a_templated_fallback()
    {
        var network = new LoopbackNetwork();
        network.ChatCapabilities["webhooks"] = new Bridges.Core.Network.NetworkCapabilities { NativeRelayProfiles = true, MaxTextLength = 40 };
        await using var h = await LoopbackHarness.StartAsync((c, _, _) => c["relay:adminonly"] = "false", network);
        var (_, room) = await RelayedPortalAsync(h, "webhooks");
        var guest = await h.UserAsync("guest");
        await guest.SetDisplayNameAsync("Guest\nStar");
        var avatar = await guest.UploadAsync([1, 2, 3], "image/png", "me.png");
        await guest.SendAsync(HttpMethod.Put, $"_matrix/client/v3/profile/{Uri.EscapeDataString(guest.UserId.Value)}/avatar_url", new JsonObject { ["avatar_url"] = avatar });
        await guest.JoinAsync(room.Value);

        var words = string.Join(' ', Enumerable.Range(0, 12).Select(i => $"word{i:00}"));
        await guest.SendEventAsync(room, "m.room.message", new JsonObject
        {
            ["msgtype"] = "m.text", ["body"] = words, ["format"] = "org.matrix.custom.html", ["formatted_body"] = "<b>" + words + "</b>",
        });

        await h.Network.WaitForSentAsync(s => s.Text?.Contains("word11", StringComparison.Ordinal) == true);
        var parts = h.Network.Sent.Where(s => s.Kind == LoopbackSentKind.Message && s.Text?.Contains("word", StringComparison.Ordinal) == true).ToList();
        // Split to the network's length with no room kept for a template, and sent bare: the network shows the name.
        Assert.True(parts.Count >= 3, $"{parts.Count} parts");
        Assert.Equal(words, string.Join(' ', parts.Select(p => p.Text)));
        Assert.All(parts, p =>
        {
            Assert.Equal(("Guest Star", guest.UserId.Value, avatar), (p.Relay!.DisplayName, p.Relay.UserId, p.Relay.AvatarMxc));
            Assert.NotNull(p.Relay.AvatarUrl);
            Assert.Equal("<Guest Star> " + p.Text, p.Relay.Fallback!.Text);
        });
    }

    [Fact]
    public async Task Built_in_relay_carries_messages_of_users_without_a_login_where_no_relay_is_set()
    {
        await using var h = await LoopbackHarness.StartAsync((c, _, _) => c["builtinrelay"] = "true");
        var opening = h.Network.Alice.Send("open", "anyone here?");
        Assert.Equal(Bridges.Core.Network.RemoteEventResult.Bridged, await opening.Acknowledged.WaitAsync(LoopbackHarness.Timeout));
        var room = (await h.Bridge.GetPortalRoomAsync(h.Network.Chat("open").PortalKey, CancellationToken.None))!.Value;
        var guest = await h.UserAsync("guest");
        await guest.SetDisplayNameAsync("Guest Star");
        await guest.JoinAsync(room.Value);

        await guest.SendTextAsync(room, "me!");

        var sent = await h.Network.WaitForSentAsync(s => s.Kind == LoopbackSentKind.Message);
        Assert.Equal((LoopbackNetwork.RelayAccount, "<Guest Star> me!"), (sent.Account, sent.Text));
        Assert.Equal(guest.UserId.Value, sent.Relay!.UserId);
        h.Host.Homeserver?.AssertNoSpecViolations();
    }

    /// <summary>A portal whose owner (logged in as carol) made carol the relay for users without a login.</summary>
    private static async Task<(Bridges.Testing.MatrixTestUser Owner, Bridges.Matrix.Ids.RoomId Room)> RelayedPortalAsync(LoopbackHarness h, string chat)
    {
        var carol = h.Network.AddUser("carol", "Carol", "carol-pw");
        var owner = await h.UserAsync("owner");
        await h.LoginAsync(owner, carol, "carol-pw");
        var room = await h.OpenPortalAsync(owner, chat);
        await h.CommandAsync(owner, room, "!loopback set-relay", b => b.StartsWith("Messages from users without a login are now relayed through Carol", StringComparison.Ordinal));
        return (owner, room);
    }
}
