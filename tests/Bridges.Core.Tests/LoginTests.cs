using Bridges.Core.Network;
using Bridges.Core.Tests.Support;
using Bridges.Loopback;

namespace Bridges.Core.Tests;

public sealed class LoginTests
{
    [Fact]
    public async Task Login_in_the_management_room_asks_field_by_field_redacts_the_password_and_list_logins_and_logout_follow()
    {
        await using var h = await LoopbackHarness.StartAsync();
        h.Network.AddUser("carol", "Carol", "carol-pw");
        var me = await h.UserAsync("me");
        var dm = await h.OpenManagementRoomAsync(me);

        Assert.Equal("You have no logins.", await h.CommandAsync(me, dm, "list-logins", b => b.StartsWith("You have", StringComparison.Ordinal)));
        var asked = await h.CommandAsync(me, dm, "login", b => b.EndsWith("Username:", StringComparison.Ordinal));
        Assert.Contains("Log in to Loopback", asked);
        await h.CommandAsync(me, dm, "carol", b => b == "Password:");
        var password = await me.SendTextAsync(dm, "carol-pw");

        var redaction = await me.WaitForEventAsync(dm, e => e.Type() == "m.room.redaction" && Redacts(e) == password.Value);
        Assert.Equal(h.Bot.Value, redaction.Sender());
        Assert.StartsWith("Logged in as Carol.", await h.WaitForNoticeAsync(me, dm, b => b.StartsWith("Logged in", StringComparison.Ordinal)));
        Assert.Equal("- Carol (carol)", await h.CommandAsync(me, dm, "list-logins", b => b.StartsWith("- ", StringComparison.Ordinal)));

        Assert.Equal("Logged out of Carol.", await h.CommandAsync(me, dm, "logout", b => b.StartsWith("Logged out", StringComparison.Ordinal)));
        await h.CommandAsync(me, dm, "list-logins", b => b == "You have no logins.");
        Assert.Equal(2, me.Timeline(dm).Count(e => e.Body() == "You have no logins."));
        h.Host.Homeserver?.AssertNoSpecViolations();
    }

    [Fact]
    public async Task Wrong_password_asks_again_and_creates_no_login()
    {
        await using var h = await LoopbackHarness.StartAsync();
        h.Network.AddUser("carol", "Carol", "carol-pw");
        var me = await h.UserAsync("me");
        var dm = await h.OpenManagementRoomAsync(me);

        await h.CommandAsync(me, dm, "login", b => b.EndsWith("Username:", StringComparison.Ordinal));
        await h.CommandAsync(me, dm, "carol", b => b == "Password:");
        var retry = await h.CommandAsync(me, dm, "not-the-password", b => b.StartsWith("Wrong", StringComparison.Ordinal));

        Assert.EndsWith("Username:", retry);
        var logins = await LoopbackHarness.ReadJsonAsync(await h.ProvisionAsync(HttpMethod.Get, "logins", me.UserId, LoopbackHarness.SharedSecret));
        Assert.Equal(0, logins.GetProperty("logins").GetArrayLength());
    }

    [Fact]
    public async Task Logged_in_user_sends_as_their_login_and_the_networks_echo_is_not_bridged_back()
    {
        await using var h = await LoopbackHarness.StartAsync();
        var carol = h.Network.AddUser("carol", "Carol", "carol-pw");
        var me = await h.UserAsync("me");
        await h.LoginAsync(me, carol, "carol-pw");
        var room = await h.OpenPortalAsync(me, "puppets");

        var sentEvent = await me.SendTextAsync(room, "hello as carol");

        var sent = await h.Network.WaitForSentAsync(s => s.Kind == LoopbackSentKind.Message && s.Text == "hello as carol");
        Assert.Equal("carol", sent.Account);
        Assert.Null(sent.Relay);
        Assert.Equal(me.UserId, sent.MatrixSender);
        var echo = h.Network.EventFor("puppets", sent.MessageId!.Value)!;
        Assert.Equal(RemoteEventResult.Duplicate, await echo.Acknowledged.WaitAsync(LoopbackHarness.Timeout));

        // Anything bridged for the echo would come before a later remote message in the same portal.
        h.Network.Alice.Send("puppets", "after the echo");
        await me.WaitForMessageAsync(room, b => b == "after the echo");
        var copies = (await me.GetMessagesAsync(room)).Where(e => e.Body() == "hello as carol").ToList();
        Assert.Equal(sentEvent.Value, Assert.Single(copies).Id());

        // Logged out, the same user is refused in the portal and nothing reaches the network.
        var dm = await h.OpenManagementRoomAsync(me);
        await h.CommandAsync(me, dm, "logout", b => b.StartsWith("Logged out", StringComparison.Ordinal));
        await me.SendTextAsync(room, "after logout");
        await h.WaitForNoticeAsync(me, room, b => b.Contains("not logged in", StringComparison.Ordinal));
        Assert.DoesNotContain(h.Network.Sent, s => s.Text == "after logout");
        h.Host.Homeserver?.AssertNoSpecViolations();
    }

    internal static string? Redacts(System.Text.Json.JsonElement redaction) =>
        redaction.Content().TryGetProperty("redacts", out var inContent) ? inContent.GetString()
        : redaction.TryGetProperty("redacts", out var topLevel) ? topLevel.GetString() : null;
}
