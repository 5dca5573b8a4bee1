using Bridges.Core.Network;
using Bridges.Core.Tests.Support;
using Bridges.Loopback;

namespace Bridges.Core.Tests;

/// <summary>
/// Backfill through the loopback network's chat history: a new portal gets the chat's recent past, a restart
/// catches up on what was missed, each dated with its original time and bridged once however it races live events.
/// </summary>
public sealed class BackfillTests
{
    [Fact]
    public async Task Portal_created_on_a_chat_with_80_past_messages_gets_the_newest_50_with_original_timestamps()
    {
        await using var h = await LoopbackHarness.StartAsync();
        var me = await LoginAsync(h);
        var start = TruncatedNow().AddDays(-2);
        var past = Enumerable.Range(0, 80).Select(i => (i % 2 == 0 ? h.Network.Alice : h.Network.Bob).SendUnseen("history", $"past {i:D2}", start.AddMinutes(i))).ToList();

        var room = await h.OpenPortalAsync(me, "history");

        var messages = (await me.GetMessagesAsync(room)).Where(e => e.Type() == "m.room.message").ToList();
        Assert.Equal([.. Enumerable.Range(30, 50).Select(i => $"past {i:D2}"), "history is open"], messages.Select(e => e.Body()).ToList());
        for (var i = 30; i < 80; i++)
        {
            var e = messages[i - 30];
            Assert.Equal(start.AddMinutes(i).ToUnixTimeMilliseconds(), e.GetProperty("origin_server_ts").GetInt64());
            Assert.Equal(h.Ghost(i % 2 == 0 ? h.Network.Alice : h.Network.Bob).Value, e.Sender());
        }

        // The message that created the room is live: dated by the homeserver, after its history.
        Assert.True(messages[^1].GetProperty("origin_server_ts").GetInt64() > start.AddMinutes(79).ToUnixTimeMilliseconds());
        var request = Assert.Single(h.Network.BackfillRequests);
        Assert.NotNull(request.Before);

        // Backfilled messages are in the message map: an edit of one finds its event.
        var edit = h.Network.Bob.Edit("history", past[79].MessageId!.Value, "past 79, corrected");
        Assert.Equal(RemoteEventResult.Bridged, await edit.Acknowledged.WaitAsync(LoopbackHarness.Timeout));
        var replacement = await me.WaitForEventAsync(room, e => e.RelType() == "m.replace");
        Assert.Equal(messages[49].Id(), replacement.RelatesTo()!.Value.GetProperty("event_id").GetString());
        h.Host.Homeserver?.AssertNoSpecViolations();
    }

    [Fact]
    public async Task Restart_after_20_missed_messages_catches_them_up()
    {
        await using var h = await LoopbackHarness.StartAsync();
        var me = await LoginAsync(h);
        var room = await h.OpenPortalAsync(me, "gap");
        var lastBridged = h.Network.Alice.Send("gap", "before the gap");
        await BridgedAsync(lastBridged);

        var missed = Enumerable.Range(0, 20).Select(i => h.Network.Bob.SendUnseen("gap", $"missed {i:D2}")).ToList();
        await h.Host.RestartAsync();

        await me.WaitForMessageAsync(room, b => b == "missed 19");
        var messages = (await me.GetMessagesAsync(room)).Where(e => e.Type() == "m.room.message").ToList();
        Assert.Equal(["gap is open", "before the gap", .. missed.Select((_, i) => $"missed {i:D2}")], messages.Select(e => e.Body()).ToList());
        Assert.Equal(missed.Select(m => m.Timestamp.ToUnixTimeMilliseconds()), messages.Skip(2).Select(e => e.GetProperty("origin_server_ts").GetInt64()));
        Assert.All(messages.Skip(2), e => Assert.Equal(h.Ghost(h.Network.Bob).Value, e.Sender()));
        Assert.Contains(h.Network.BackfillRequests, r => r.After?.Id == lastBridged.MessageId);

        // After the catch-up, live messages go on as before.
        await BridgedAsync(h.Network.Alice.Send("gap", "after the gap"));
        await me.WaitForMessageAsync(room, b => b == "after the gap");
        h.Host.Homeserver?.AssertNoSpecViolations();
    }

    [Fact]
    public async Task Live_message_racing_the_backfill_appears_once()
    {
        await using var h = await LoopbackHarness.StartAsync();
        var me = await LoginAsync(h);
        var room = await h.OpenPortalAsync(me, "race");
        foreach (var i in Enumerable.Range(0, 10))
        {
            h.Network.Bob.SendUnseen("race", $"missed {i}");
        }

        // While the catch-up reads the history, a live message arrives: it is in what the catch-up fetched and it is
        // pushed to the portal too, which is busy with the catch-up, so its push finds it bridged already.
        LoopbackEvent? live = null;
        h.Network.BeforeBackfill = r => live ??= r.After is null ? null : h.Network.Alice.Send("race", "live during the catch-up");
        await h.Host.RestartAsync();

        await h.Network.WaitUntilAsync(() => live is not null);
        Assert.Equal(RemoteEventResult.Duplicate, await live!.Acknowledged.WaitAsync(LoopbackHarness.Timeout));
        await BridgedAsync(h.Network.Alice.Send("race", "later"));
        await me.WaitForMessageAsync(room, b => b == "later");
        var bodies = (await me.GetMessagesAsync(room)).Where(e => e.Type() == "m.room.message").Select(e => e.Body()).ToList();
        Assert.Equal(["race is open", .. Enumerable.Range(0, 10).Select(i => $"missed {i}"), "live during the catch-up", "later"], bodies);
        h.Host.Homeserver?.AssertNoSpecViolations();
    }

    [Fact]
    public async Task Backfill_disabled_neither_fills_new_portals_nor_catches_up()
    {
        await using var h = await LoopbackHarness.StartAsync((c, _, _) => c["backfill:enabled"] = "false");
        var me = await LoginAsync(h);
        h.Network.Alice.SendUnseen("quiet", "before the portal");
        var room = await h.OpenPortalAsync(me, "quiet");
        h.Network.Bob.SendUnseen("quiet", "while away");
        await h.Host.RestartAsync();

        await BridgedAsync(h.Network.Alice.Send("quiet", "after the restart"));
        await me.WaitForMessageAsync(room, b => b == "after the restart");
        var bodies = (await me.GetMessagesAsync(room)).Where(e => e.Type() == "m.room.message").Select(e => e.Body()).ToList();
        Assert.Equal(["quiet is open", "after the restart"], bodies);
        Assert.Empty(h.Network.BackfillRequests);
    }

    internal static async Task<Testing.MatrixTestUser> LoginAsync(LoopbackHarness h)
    {
        var carol = h.Network.AddUser("carol", "Carol", "carol-pw");
        var me = await h.UserAsync("me");
        await h.LoginAsync(me, carol, "carol-pw");
        return me;
    }

    internal static async Task BridgedAsync(LoopbackEvent evt) =>
        Assert.Equal(RemoteEventResult.Bridged, await evt.Acknowledged.WaitAsync(LoopbackHarness.Timeout));

    /// <summary>Now to the millisecond, the precision of <c>origin_server_ts</c>.</summary>
    private static DateTimeOffset TruncatedNow() => DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
}
