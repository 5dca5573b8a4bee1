using System.Text.Json;
using Bridges.Core.Network;
using Bridges.Core.Tests.Support;
using Bridges.Loopback;

namespace Bridges.Core.Tests;

public sealed class EphemeralTests
{
    [Fact]
    public async Task Typing_crosses_both_ways()
    {
        await using var h = await LoopbackHarness.StartAsync();
        var carol = h.Network.AddUser("carol", "Carol", "carol-pw");
        var me = await h.UserAsync("me");
        await h.LoginAsync(me, carol, "carol-pw");
        var room = await h.OpenPortalAsync(me, "typing");

        var typing = h.Network.Bob.Typing("typing");
        Assert.Equal(RemoteEventResult.Bridged, await typing.Acknowledged.WaitAsync(LoopbackHarness.Timeout));
        await me.WaitForEphemeralAsync(room, e => e.Type() == "m.typing" && UserIds(e).Contains(h.Ghost(h.Network.Bob).Value));

        var before = h.Network.Sent.Count;
        await me.SetTypingAsync(room, true);
        await h.Network.WaitUntilAsync(() => h.Network.Sent.Skip(before).Any(s => s.Kind == LoopbackSentKind.Typing && s.Chat == "typing" && s.Account == "carol" && s.Typing == true));
        before = h.Network.Sent.Count;
        await me.SetTypingAsync(room, false);
        await h.Network.WaitUntilAsync(() => h.Network.Sent.Skip(before).Any(s => s.Kind == LoopbackSentKind.Typing && s.Chat == "typing" && s.Account == "carol" && s.Typing == false));
        h.Host.Homeserver?.AssertNoSpecViolations();
    }

    [Fact]
    public async Task Typing_reaches_the_network_only_for_the_user_who_started_or_stopped()
    {
        await using var h = await LoopbackHarness.StartAsync();
        var carol = h.Network.AddUser("carol", "Carol", "carol-pw");
        var dave = h.Network.AddUser("dave", "Dave", "dave-pw");
        var me = await h.UserAsync("me");
        var other = await h.UserAsync("other");
        await h.LoginAsync(me, carol, "carol-pw");
        await h.LoginAsync(other, dave, "dave-pw");
        var room = await h.OpenPortalAsync(me, "quiet");
        var before = h.Network.Sent.Count;

        // A ghost typing changes nothing for the logged-in users; one user typing is told for that user only.
        var typing = h.Network.Bob.Typing("quiet");
        Assert.Equal(RemoteEventResult.Bridged, await typing.Acknowledged.WaitAsync(LoopbackHarness.Timeout));
        await me.WaitForEphemeralAsync(room, e => e.Type() == "m.typing" && UserIds(e).Contains(h.Ghost(h.Network.Bob).Value));
        await me.SetTypingAsync(room, true);
        await me.SetTypingAsync(room, false);
        await h.Network.WaitUntilAsync(() => h.Network.Sent.Skip(before).Any(s => s.Kind == LoopbackSentKind.Typing && s.Account == "carol" && s.Typing == false));

        var sent = h.Network.Sent.Skip(before).Where(s => s.Kind == LoopbackSentKind.Typing).Select(s => (s.Account, s.Typing)).ToList();
        Assert.Equal([("carol", (bool?)true), ("carol", (bool?)false)], sent);
    }

    [Fact]
    public async Task Read_receipts_cross_both_ways_for_mapped_messages()
    {
        await using var h = await LoopbackHarness.StartAsync();
        var carol = h.Network.AddUser("carol", "Carol", "carol-pw");
        var me = await h.UserAsync("me");
        await h.LoginAsync(me, carol, "carol-pw");
        var room = await h.OpenPortalAsync(me, "receipts");
        var fromAlice = h.Network.Alice.Send("receipts", "read me");
        var aliceEvent = await me.WaitForMessageAsync(room, b => b == "read me");

        await me.SendReadReceiptAsync(room, Bridges.Matrix.Ids.EventId.Parse(aliceEvent.Id()));
        var receipt = await h.Network.WaitForSentAsync(s => s.Kind == LoopbackSentKind.ReadReceipt);
        Assert.Equal(("receipts", "carol", fromAlice.MessageId), (receipt.Chat, receipt.Account, receipt.MessageId));

        var mine = await me.SendTextAsync(room, "did you read this?");
        var sent = await h.Network.WaitForSentAsync(s => s.Kind == LoopbackSentKind.Message && s.Text == "did you read this?");
        var read = h.Network.Alice.Read("receipts", sent.MessageId!.Value);
        Assert.Equal(RemoteEventResult.Bridged, await read.Acknowledged.WaitAsync(LoopbackHarness.Timeout));
        await me.WaitForEphemeralAsync(room, e => e.Type() == "m.receipt" && e.Content().TryGetProperty(mine.Value, out var byType)
            && byType.TryGetProperty("m.read", out var readers) && readers.TryGetProperty(h.Ghost(h.Network.Alice).Value, out _));
        h.Host.Homeserver?.AssertNoSpecViolations();
    }

    private static List<string?> UserIds(JsonElement typing) =>
        typing.Content().GetProperty("user_ids").EnumerateArray().Select(u => u.GetString()).ToList();
}
