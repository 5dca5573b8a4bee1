using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Bridges.Irc.Client;
using Bridges.Irc.Tests.Support;

namespace Bridges.Irc.Tests.Bridge;

/// <summary>Files and long messages as links served by the bridge; IRC quits and away as Matrix presence.</summary>
public sealed class IrcBridgeMediaAndPresenceTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task A_message_past_max_lines_goes_as_its_first_lines_and_a_link_to_the_whole_text()
    {
        await using var h = await IrcBridgeHarness.StartAsync(configure: c => c[$"bridges:irc:networks:{IrcBridgeHarness.Network}:maxlines"] = "3");
        var (alice, room, _, bobSees, _) = await h.PortalWithIrcUserAsync("paste");
        var lines = Enumerable.Range(1, 8).Select(i => $"line {i} of a long paste ✓").ToArray();

        await alice.SendTextAsync(room, string.Join('\n', lines));
        var got = await bobSees.WaitForChatsAsync(c => c.Any(m => m.Text.Contains("full message", StringComparison.Ordinal)), "the link line");
        var texts = got.Select(m => m.Text).ToList();
        Assert.Equal(["line 1 of a long paste ✓", "line 2 of a long paste ✓"], texts.Take(2));
        Assert.DoesNotContain(texts, t => t.StartsWith("line 3", StringComparison.Ordinal));
        var link = texts[2][(texts[2].IndexOf("http", StringComparison.Ordinal))..].TrimEnd(')');
        Assert.StartsWith(h.Host.App.ListenUrl.ToString().TrimEnd('/') + "/_bridges/media/", link, StringComparison.Ordinal);

        // Anyone on IRC can open the link: it holds every line, without a token.
        using var http = new HttpClient();
        var whole = await http.GetStringAsync(new Uri(link), Ct);
        Assert.Equal(string.Join('\n', lines), whole);

        // A forged signature is refused with a Matrix error, so the listener is no open proxy for the media repository.
        var parts = new Uri(link).AbsolutePath.Split('/');
        parts[3] = new string('A', parts[3].Length);
        using var forged = await http.GetAsync(new Uri(h.Host.App.ListenUrl, string.Join('/', parts)), Ct);
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Contains("M_NOT_FOUND", await forged.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        h.Host.Homeserver?.AssertNoSpecViolations();
    }

    [Fact]
    public async Task A_file_from_matrix_reaches_irc_as_a_link_that_serves_it()
    {
        await using var h = await IrcBridgeHarness.StartAsync();
        var (alice, room, _, bobSees, _) = await h.PortalWithIrcUserAsync("file");
        var bytes = Encoding.UTF8.GetBytes("%PDF-1.4 not really a pdf, but bytes all the same");
        var mxc = await alice.UploadAsync(bytes, "application/pdf", "report.pdf");

        await alice.SendEventAsync(room, "m.room.message", new JsonObject
        {
            ["msgtype"] = "m.file", ["body"] = "report.pdf", ["url"] = mxc, ["info"] = new JsonObject { ["mimetype"] = "application/pdf", ["size"] = bytes.Length },
        });
        var got = await bobSees.WaitForChatsAsync(c => c.Any(m => m.Text.Contains("/_bridges/media/", StringComparison.Ordinal)), "the file link");
        var text = got.Single(m => m.Text.Contains("/_bridges/media/", StringComparison.Ordinal)).Text;
        Assert.DoesNotContain("mxc://", text, StringComparison.Ordinal);
        var link = text[text.IndexOf("http", StringComparison.Ordinal)..].Split(' ')[0];

        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(link), Ct);
        response.EnsureSuccessStatusCode();
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("sandbox", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_quit_as_presence_a_quit_sets_the_ghost_offline_and_it_stays_in_the_room()
    {
        await using var h = await IrcBridgeHarness.StartAsync(configure: c => c[$"bridges:irc:networks:{IrcBridgeHarness.Network}:quitaspresence"] = "true");
        var (alice, room, _, _, channel) = await h.PortalWithIrcUserAsync("pres");
        var carol = await IrcTestEnv.ConnectAsync(IrcTestEnv.Options(IrcTestEnv.UniqueNick("carol"), h.Endpoint));
        await carol.JoinAsync(channel, null, Ct);
        var ghost = h.Ghost(carol.Nick);
        await alice.WaitForEventAsync(room, e => e.GetProperty("type").GetString() == "m.room.member" && e.GetProperty("state_key").GetString() == ghost);
        await Wait.UntilAsync(async () => (await alice.GetPresenceAsync(ghost)).GetProperty("presence").GetString() == "online", "carol's ghost is online");

        // Away (away-notify) is "unavailable" with the away text; back is online again.
        await carol.SendAsync(new IrcMessage("AWAY", "gone fishing"), Ct);
        await Wait.UntilAsync(async () => (await alice.GetPresenceAsync(ghost)).GetProperty("presence").GetString() == "unavailable", "carol's ghost is away");
        Assert.Equal("gone fishing", (await alice.GetPresenceAsync(ghost)).GetProperty("status_msg").GetString());
        await carol.SendAsync(new IrcMessage("AWAY"), Ct);
        await Wait.UntilAsync(async () => (await alice.GetPresenceAsync(ghost)).GetProperty("presence").GetString() == "online", "carol's ghost is back");

        await carol.DisconnectAsync("bye for now", Ct);
        await carol.DisposeAsync();
        await Wait.UntilAsync(async () => (await alice.GetPresenceAsync(ghost)).GetProperty("presence").GetString() == "offline", "carol's ghost is offline");

        // Well past the quit debounce, the ghost has not left.
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);
        var member = await alice.GetStateEventAsync(room, "m.room.member", ghost);
        Assert.Equal("join", member!.Value.GetProperty("content").GetProperty("membership").GetString());
        h.Host.Homeserver?.AssertNoSpecViolations();
    }
}
