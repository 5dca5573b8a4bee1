using System.Net;
using System.Text.Json;
using Bridges.Core.Tests.Support;
using Bridges.Loopback;

namespace Bridges.Core.Tests;

public sealed class PermissionTests
{
    [Fact]
    public async Task Set_relay_by_a_non_admin_is_refused_and_the_room_stays_without_relay()
    {
        await using var h = await LoopbackHarness.StartAsync();
        var carol = h.Network.AddUser("carol", "Carol", "carol-pw");
        var me = await h.UserAsync("me");
        await h.LoginAsync(me, carol, "carol-pw");
        var room = await h.OpenPortalAsync(me, "guarded");

        var refusal = await h.CommandAsync(me, room, "!loopback set-relay", b => b.StartsWith("You don't have permission", StringComparison.Ordinal));

        Assert.Contains("set-relay", refusal);
        Assert.Contains("admin", refusal);
        var guest = await h.UserAsync("guest");
        await guest.JoinAsync(room.Value);
        var attempt = await guest.SendTextAsync(room, "let me in");
        await h.WaitForNoticeAsync(guest, room, b => b.Contains("no relay", StringComparison.Ordinal), after: attempt);
        Assert.DoesNotContain(h.Network.Sent, s => s.Kind == LoopbackSentKind.Message);
    }

    [Fact]
    public async Task Provisioning_refuses_a_missing_or_wrong_secret_with_Matrix_errors_and_lists_logins_and_portals_with_the_right_one()
    {
        await using var h = await LoopbackHarness.StartAsync();
        var carol = h.Network.AddUser("carol", "Carol", "carol-pw");
        var me = await h.UserAsync("me");
        await h.LoginAsync(me, carol, "carol-pw");
        var room = await h.OpenPortalAsync(me, "listed");

        foreach (var path in new[] { "logins", "portals" })
        {
            await AssertErrorAsync(await h.ProvisionAsync(HttpMethod.Get, path, me.UserId, secret: null), HttpStatusCode.Unauthorized, "M_MISSING_TOKEN");
            await AssertErrorAsync(await h.ProvisionAsync(HttpMethod.Get, path, me.UserId, secret: "not-the-secret"), HttpStatusCode.Forbidden, "M_UNKNOWN_TOKEN");
        }

        // A refused request changes nothing.
        await AssertErrorAsync(await h.ProvisionAsync(HttpMethod.Delete, "logins/carol", me.UserId, secret: "not-the-secret"), HttpStatusCode.Forbidden, "M_UNKNOWN_TOKEN");

        var logins = await LoopbackHarness.ReadJsonAsync(await h.ProvisionAsync(HttpMethod.Get, "logins", me.UserId, LoopbackHarness.SharedSecret));
        var login = Assert.Single(logins.GetProperty("logins").EnumerateArray());
        Assert.Equal("carol", login.GetProperty("id").GetString());
        Assert.Equal("Carol", login.GetProperty("remote_name").GetString());
        Assert.True(login.GetProperty("connected").GetBoolean());
        var portals = await LoopbackHarness.ReadJsonAsync(await h.ProvisionAsync(HttpMethod.Get, "portals", me.UserId, LoopbackHarness.SharedSecret));
        var portal = Assert.Single(portals.GetProperty("portals").EnumerateArray());
        Assert.Equal(("listed", room.Value), (portal.GetProperty("portal_id").GetString(), portal.GetProperty("room_id").GetString()));
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string errcode)
    {
        using (response)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(errcode, body.GetProperty("errcode").GetString());
            Assert.False(string.IsNullOrEmpty(body.GetProperty("error").GetString()));
        }
    }
}
