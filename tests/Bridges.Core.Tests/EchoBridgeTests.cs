using System.Text.Json;
using Bridges.Echo;
using Bridges.Testing;

namespace Bridges.Core.Tests;

public sealed class EchoBridgeTests
{
    [Fact]
    public async Task Message_reaches_the_network_and_the_reply_comes_back_from_a_ghost()
    {
        await using var host = await BridgeTestHost.StartAsync(EchoNetwork.Plugin);
        var alice = await host.CreateUserAsync("alice");

        var room = await alice.JoinAsync($"#echo_lobby:{host.ServerName}");
        var sent = await alice.SendTextAsync(room, "hello bridge");

        JsonElement reply;
        try
        {
            // Alice has no echo login, so the built-in relay carries her message with the default relay template.
            reply = await alice.WaitForMessageAsync(room, body => body == $"echo: <{alice.UserId.Localpart}> hello bridge");
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(string.Join("\n", alice.Timeline(room).Select(e => e.GetRawText())));
        }

        Assert.Equal($"@echo_echo:{host.ServerName}", reply.GetProperty("sender").GetString());
        var inReplyTo = reply.GetProperty("content").GetProperty("m.relates_to").GetProperty("m.in_reply_to").GetProperty("event_id").GetString();
        Assert.Equal(sent.Value, inReplyTo);
        host.Homeserver?.AssertNoSpecViolations();
    }

    [Fact]
    public async Task Alias_created_portal_carries_bridge_info_state()
    {
        await using var host = await BridgeTestHost.StartAsync(EchoNetwork.Plugin);
        var alice = await host.CreateUserAsync("alice");

        var room = await alice.JoinAsync($"#echo_info:{host.ServerName}");

        var create = await alice.WaitForEventAsync(room, e => e.GetProperty("type").GetString() == "m.bridge");
        var content = create.GetProperty("content");
        Assert.Equal("echo", content.GetProperty("protocol").GetProperty("id").GetString());
        Assert.Equal("info", content.GetProperty("channel").GetProperty("id").GetString());
        Assert.Equal($"@echobot:{host.ServerName}", content.GetProperty("bridgebot").GetString());
        await alice.WaitForEventAsync(room, e => e.GetProperty("type").GetString() == "uk.half-shot.bridge");
        var name = await alice.WaitForEventAsync(room, e => e.GetProperty("type").GetString() == "m.room.name");
        Assert.Equal("Echo info", name.GetProperty("content").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Object, content.ValueKind);
    }
}
