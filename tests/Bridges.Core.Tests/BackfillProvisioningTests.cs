using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bridges.Core.Network;
using Bridges.Core.Tests.Support;
using Bridges.Loopback;

namespace Bridges.Core.Tests;

/// <summary><c>POST /rooms/{roomId}/backfill</c> of the provisioning API.</summary>
public sealed class BackfillProvisioningTests
{
    [Fact]
    public async Task Provisioning_backfill_bridges_the_chats_newest_messages_not_bridged_yet_and_answers_with_counts()
    {
        await using var h = await LoopbackHarness.StartAsync((c, _, server) => c["permissions:admin:0"] = server);
        var me = await BackfillTests.LoginAsync(h);
        var room = await h.OpenPortalAsync(me, "asked");
        var unseen = Enumerable.Range(0, 5).Select(i => h.Network.Bob.SendUnseen("asked", $"unseen {i}")).ToList();

        // A live message posted while the backfill reads the history is in what it fetched and is pushed as well.
        LoopbackEvent? live = null;
        h.Network.BeforeBackfill = _ => live ??= h.Network.Alice.Send("asked", "live during the backfill");
        var answer = await LoopbackHarness.ReadJsonAsync(await h.ProvisionAsync(HttpMethod.Post, $"rooms/{Uri.EscapeDataString(room.Value)}/backfill", me.UserId,
            LoopbackHarness.SharedSecret, new JsonObject { ["limit"] = 10 }));

        // Fetched: the opening message (bridged before), the five unseen and the live one.
        Assert.Equal(room.Value, answer.GetProperty("room_id").GetString());
        Assert.Equal(7, answer.GetProperty("fetched").GetInt32());
        Assert.Equal(6, answer.GetProperty("bridged").GetInt32());
        Assert.Equal(1, answer.GetProperty("skipped").GetInt32());
        Assert.Equal(0, answer.GetProperty("failed").GetInt32());
        Assert.Equal(10, Assert.Single(h.Network.BackfillRequests, r => r.Limit == 10).Limit);
        Assert.Equal(RemoteEventResult.Duplicate, await live!.Acknowledged.WaitAsync(LoopbackHarness.Timeout));

        var messages = (await me.GetMessagesAsync(room)).Where(e => e.Type() == "m.room.message").ToList();
        Assert.Equal(["asked is open", .. unseen.Select((_, i) => $"unseen {i}"), "live during the backfill"], messages.Select(e => e.Body()).ToList());
        Assert.Equal(unseen.Select(u => u.Timestamp.ToUnixTimeMilliseconds()), messages.Skip(1).Take(5).Select(e => e.GetProperty("origin_server_ts").GetInt64()));

        // Asked again: everything is there already.
        var again = await LoopbackHarness.ReadJsonAsync(await h.ProvisionAsync(HttpMethod.Post, $"rooms/{Uri.EscapeDataString(room.Value)}/backfill", me.UserId,
            LoopbackHarness.SharedSecret));
        Assert.Equal(0, again.GetProperty("bridged").GetInt32());
        Assert.Equal(7, again.GetProperty("skipped").GetInt32());
        h.Host.Homeserver?.AssertNoSpecViolations();
    }

    [Fact]
    public async Task Provisioning_backfill_refuses_bad_limits_unknown_rooms_and_chats_without_history()
    {
        await using var h = await LoopbackHarness.StartAsync((c, _, server) => c["permissions:admin:0"] = server);
        var me = await BackfillTests.LoginAsync(h);
        var room = await h.OpenPortalAsync(me, "refusals");
        var path = $"rooms/{Uri.EscapeDataString(room.Value)}/backfill";

        await AssertErrorAsync(await h.ProvisionAsync(HttpMethod.Post, path, me.UserId, LoopbackHarness.SharedSecret, new JsonObject { ["limit"] = 0 }),
            HttpStatusCode.BadRequest, "M_INVALID_PARAM");
        await AssertErrorAsync(await h.ProvisionAsync(HttpMethod.Post, path, me.UserId, LoopbackHarness.SharedSecret, new JsonObject { ["limit"] = "ten" }),
            HttpStatusCode.BadRequest, "M_INVALID_PARAM");
        await AssertErrorAsync(await h.ProvisionAsync(HttpMethod.Post, path, me.UserId, LoopbackHarness.SharedSecret, new JsonObject { ["limit"] = 100_000 }),
            HttpStatusCode.BadRequest, "M_INVALID_PARAM");
        var other = await me.CreateRoomAsync(new JsonObject());
        await AssertErrorAsync(await h.ProvisionAsync(HttpMethod.Post, $"rooms/{Uri.EscapeDataString(other.Value)}/backfill", me.UserId, LoopbackHarness.SharedSecret),
            HttpStatusCode.NotFound, "NET.BRIDGES.NOT_BRIDGED");
        await AssertErrorAsync(await h.ProvisionAsync(HttpMethod.Post, "rooms/not-a-room/backfill", me.UserId, LoopbackHarness.SharedSecret),
            HttpStatusCode.BadRequest, "M_INVALID_PARAM");

        h.Network.HistoryAvailable = false;
        await AssertErrorAsync(await h.ProvisionAsync(HttpMethod.Post, path, me.UserId, LoopbackHarness.SharedSecret),
            HttpStatusCode.BadRequest, "NET.BRIDGES.BACKFILL_UNAVAILABLE");
    }

    [Fact]
    public async Task Provisioning_backfill_is_refused_while_backfill_is_disabled()
    {
        await using var h = await LoopbackHarness.StartAsync((c, _, server) =>
        {
            c["permissions:admin:0"] = server;
            c["backfill:enabled"] = "false";
        });
        var me = await BackfillTests.LoginAsync(h);
        var room = await h.OpenPortalAsync(me, "off");
        h.Network.Bob.SendUnseen("off", "never bridged");

        await AssertErrorAsync(await h.ProvisionAsync(HttpMethod.Post, $"rooms/{Uri.EscapeDataString(room.Value)}/backfill", me.UserId, LoopbackHarness.SharedSecret),
            HttpStatusCode.BadRequest, "NET.BRIDGES.BACKFILL_UNAVAILABLE");
        Assert.Empty(h.Network.BackfillRequests);
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string errcode)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {text}");
            var body = JsonDocument.Parse(text).RootElement;
            Assert.Equal(errcode, body.GetProperty("errcode").GetString());
            Assert.False(string.IsNullOrEmpty(body.GetProperty("error").GetString()));
        }
    }
}
