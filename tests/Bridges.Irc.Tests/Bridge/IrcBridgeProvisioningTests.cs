using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bridges.Irc.Tests.Support;

namespace Bridges.Irc.Tests.Bridge;

/// <summary>An integration bridges a Matrix room to a channel through the provisioning API, by what a user would type.</summary>
public sealed class IrcBridgeProvisioningTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private const string Secret = "provisioning secret for the irc tests";

    [Fact]
    public async Task The_provisioning_api_bridges_a_room_to_a_channel_named_as_a_user_would()
    {
        await using var h = await IrcBridgeHarness.StartAsync(configure: c => c["bridges:irc:provisioning:sharedsecret"] = Secret);
        var channel = IrcTestEnv.UniqueChannel("prov");
        var bob = await h.IrcUserAsync("provbob");
        await bob.JoinAsync(channel, null, Ct);
        var admin = await h.Host.CreateUserAsync("admin");
        var bot = h.Host.Bridge.Bridge.Intents.BotUserId.Value;
        var room = await admin.CreateRoomAsync(new JsonObject
        {
            ["preset"] = "private_chat", ["invite"] = new JsonArray(bot),
            ["power_level_content_override"] = new JsonObject { ["users"] = new JsonObject { [admin.UserId.Value] = 100, [bot] = 100 } },
        });

        using var http = new HttpClient { BaseAddress = h.Host.App.ListenUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Secret);
        var url = $"_bridges/provision/v1/bridge?user_id={Uri.EscapeDataString(admin.UserId.Value)}";

        // The channel as typed, in another case: the network resolves it to its one portal id.
        using var response = await http.PostAsJsonAsync(url, new JsonObject { ["room_id"] = room.Value, ["identifier"] = $"{IrcBridgeHarness.Network} {channel.ToUpperInvariant()}" }, Ct);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(response.IsSuccessStatusCode, answer.ToString());
        Assert.Equal($"{IrcBridgeHarness.Network}/{channel.ToLowerInvariant()}", answer.GetProperty("portal_id").GetString());

        await bob.SendPrivmsgAsync(channel, "hello provisioned room", null, Ct);
        await admin.WaitForMessageAsync(room, b => b == "hello provisioned room");

        // A chat the network cannot resolve is a clear error, not a half-made portal.
        using var bad = await http.PostAsJsonAsync(url, new JsonObject { ["room_id"] = room.Value, ["identifier"] = "nosuchnetwork" }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, bad.StatusCode);
        Assert.Equal("NET.BRIDGES.IDENTIFIER_NOT_FOUND", (await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errcode").GetString());
    }
}
