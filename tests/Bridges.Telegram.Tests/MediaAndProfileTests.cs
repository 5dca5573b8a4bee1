using System.Text.Json.Nodes;
using Bridges.Emulators.Telegram;

namespace Bridges.Telegram.Tests;

/// <summary>Every kind of Telegram message reaches Matrix as the right event (or readable text), and back; avatars too.</summary>
public sealed class MediaAndProfileTests
{
    private static readonly TimeSpan Timeout = TelegramBridgeHarness.Timeout;

    private static string MsgType(System.Text.Json.JsonElement e) => e.GetProperty("content").GetProperty("msgtype").GetString()!;

    [Fact]
    public async Task Voice_video_animation_sticker_poll_and_location_arrive_as_events_or_readable_text()
    {
        await using var h = await TelegramBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("reader");
        var room = await h.JoinPortalAsync(matrix);

        h.Emulator.SendVoice(h.Group, h.Alice, [1, 2, 3, 4], durationSeconds: 3);
        h.Emulator.SendVideo(h.Group, h.Alice, [5, 6, 7, 8], 640, 360, 12, caption: "a clip");
        h.Emulator.SendAnimation(h.Group, h.Alice, [9, 10], 320, 240, 2);
        h.Emulator.SendSticker(h.Group, h.Alice, EmulatorImages.CreatePng(64, 64));
        h.Emulator.SendPoll(h.Group, h.Bob, "Tea or coffee?", ["Tea", "Coffee"], isAnonymous: false);
        h.Emulator.SendLocation(h.Group, h.Bob, 51.5, -0.12);

        var voice = await matrix.WaitForEventAsync(room, e => e.GetProperty("content").TryGetProperty("msgtype", out var t) && t.GetString() == "m.audio", Timeout);
        Assert.Equal(3000, voice.GetProperty("content").GetProperty("info").GetProperty("duration").GetInt64());
        var video = await matrix.WaitForEventAsync(room, e => e.GetProperty("content").TryGetProperty("msgtype", out var t) && t.GetString() == "m.video", Timeout);
        Assert.Equal(640, video.GetProperty("content").GetProperty("info").GetProperty("w").GetInt32());
        await matrix.WaitForMessageAsync(room, b => b.Contains("a clip", StringComparison.Ordinal), Timeout);
        var poll = await matrix.WaitForMessageAsync(room, b => b.Contains("Tea or coffee?", StringComparison.Ordinal), Timeout);
        Assert.Contains("1. Tea\n2. Coffee", poll.GetProperty("content").GetProperty("body").GetString(), StringComparison.Ordinal);
        var location = await matrix.WaitForEventAsync(room, e => e.GetProperty("content").TryGetProperty("msgtype", out var t) && t.GetString() == "m.location", Timeout);
        Assert.StartsWith("geo:51.5,-0.12", location.GetProperty("content").GetProperty("geo_uri").GetString(), StringComparison.Ordinal);
        await matrix.WaitForEventAsync(room, e => e.GetProperty("content").TryGetProperty("body", out var b) && b.GetString()!.StartsWith("sticker_", StringComparison.Ordinal), Timeout);
        Assert.Equal(2, matrix.Timeline(room).Count(e => e.GetProperty("type").GetString() == "m.room.message" && MsgType(e) == "m.video"));
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Matrix_video_voice_and_gif_go_out_with_the_matching_send_method()
    {
        await using var h = await TelegramBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("sender");
        var room = await h.JoinPortalAsync(matrix);
        async Task SendFileAsync(string msgtype, string mime, string name, JsonObject? info = null)
        {
            var mxc = await matrix.UploadAsync([1, 2, 3, 4, 5], mime, name);
            info ??= [];
            info["mimetype"] = mime;
            await matrix.SendEventAsync(room, "m.room.message", new JsonObject { ["msgtype"] = msgtype, ["body"] = name, ["url"] = mxc, ["info"] = info });
        }

        await SendFileAsync("m.video", "video/mp4", "clip.mp4", new JsonObject { ["w"] = 320, ["h"] = 240, ["duration"] = 4000 });
        await SendFileAsync("m.audio", "audio/ogg", "note.ogg", new JsonObject { ["duration"] = 2000 });
        await SendFileAsync("m.image", "image/gif", "funny.gif");
        await SendFileAsync("m.audio", "audio/mpeg", "song.mp3");

        await h.Emulator.WaitForBotMessageAsync(m => m.Method == "sendVideo", Timeout);
        await h.Emulator.WaitForBotMessageAsync(m => m.Method == "sendVoice", Timeout);
        await h.Emulator.WaitForBotMessageAsync(m => m.Method == "sendAnimation", Timeout);
        await h.Emulator.WaitForBotMessageAsync(m => m.Method == "sendAudio", Timeout);
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Ghosts_get_profile_photos_and_the_room_follows_the_chat_photo()
    {
        await using var h = await TelegramBridgeHarness.StartAsync();
        h.Emulator.SetUserProfilePhoto(h.Alice, EmulatorImages.CreatePng(32, 32));
        var matrix = await h.Host.CreateUserAsync("reader");
        var room = await h.JoinPortalAsync(matrix);

        h.Emulator.SendText(h.Group, h.Alice, "look at my face");
        await matrix.WaitForMessageAsync(room, b => b == "look at my face", Timeout);
        var profile = await matrix.SendAsync(HttpMethod.Get, $"_matrix/client/v3/profile/{Uri.EscapeDataString(h.GhostOf(h.Alice))}", null);
        Assert.StartsWith("mxc://", profile.GetProperty("avatar_url").GetString(), StringComparison.Ordinal);

        h.Emulator.SetChatPhoto(h.Group, h.Alice, EmulatorImages.CreatePng(48, 48));
        var avatar = await matrix.WaitForEventAsync(room, e => e.GetProperty("type").GetString() == "m.room.avatar", Timeout);
        Assert.StartsWith("mxc://", avatar.GetProperty("content").GetProperty("url").GetString(), StringComparison.Ordinal);
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task The_group_owner_is_in_the_new_portal_with_its_rank_before_saying_anything()
    {
        await using var h = await TelegramBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("reader");
        var room = await h.JoinPortalAsync(matrix);

        var owner = h.GhostOf(h.Alice);
        await matrix.WaitForEventAsync(room, e => e.GetProperty("type").GetString() == "m.room.member" && e.GetProperty("state_key").GetString() == owner
            && e.GetProperty("content").GetProperty("membership").GetString() == "join", Timeout);
        // The owner ranks highest, just below the bridge bot (which never lets a ghost reach it, so it can always undo).
        await matrix.WaitForEventAsync(room, e => e.GetProperty("type").GetString() == "m.room.power_levels"
            && e.GetProperty("content").GetProperty("users").TryGetProperty(owner, out var level) && level.GetInt32() == 99, Timeout);
        // Plain members are not listed by the Bot API: bob's ghost appears only once he speaks.
        Assert.Null(await matrix.GetStateEventAsync(room, "m.room.member", h.GhostOf(h.Bob)));
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task A_flood_wait_is_waited_out_and_the_message_arrives_once()
    {
        await using var h = await TelegramBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("sender");
        var room = await h.JoinPortalAsync(matrix);
        h.Emulator.InjectRateLimit("sendMessage", retryAfterSeconds: 2, count: 2);

        var started = DateTimeOffset.UtcNow;
        await matrix.SendTextAsync(room, "patience");
        var sent = await h.Emulator.WaitForBotMessageAsync(m => m.Text?.EndsWith("patience", StringComparison.Ordinal) == true, Timeout);
        Assert.True(sent.At - started >= TimeSpan.FromSeconds(2), $"sent after {sent.At - started}, before retry_after ran out");
        Assert.Contains(h.Emulator.Requests, r => r.Method == "sendMessage" && r.StatusCode == 429);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(h.Emulator.SentMessages, m => m.Text?.EndsWith("patience", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(matrix.Timeline(room), e => e.GetProperty("type").GetString() == "m.room.message" && e.GetProperty("content").GetProperty("msgtype").GetString() == "m.notice");
    }
}
