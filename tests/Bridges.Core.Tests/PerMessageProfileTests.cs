using Bridges.Core.Content;
using Bridges.Core.Network;
using Bridges.Core.Tests.Support;

namespace Bridges.Core.Tests;

/// <summary>A remote message under a name of its own (a webhook) is shown under that name (MSC4144), with a fallback.</summary>
public sealed class PerMessageProfileTests
{
    [Fact]
    public async Task Webhook_style_message_carries_an_MSC4144_profile_and_a_name_fallback()
    {
        await using var h = await LoopbackHarness.StartAsync();
        var carol = h.Network.AddUser("carol", "Carol", "carol-pw");
        var me = await h.UserAsync("me");
        await h.LoginAsync(me, carol, "carol-pw");
        var room = await h.OpenPortalAsync(me, "hooks");
        var avatar = new MediaSource { MimeType = "image/png", FileName = "hook.png", OpenAsync = _ => Task.FromResult<Stream>(new MemoryStream([1, 2, 3])) };

        h.Network.Bob.SendAs("hooks", "deploy <done>", new MessageProfile("ci-bot", "CI\nBot", avatar, "avatar-1"));
        h.Network.Bob.SendAs("hooks", "second", new MessageProfile("ci-bot", "CI Bot", avatar, "avatar-1"));
        var first = await me.WaitForMessageAsync(room, b => b == "CI Bot: deploy <done>");
        var second = await me.WaitForMessageAsync(room, b => b == "CI Bot: second");

        Assert.Equal(h.Ghost(h.Network.Bob).Value, first.Sender());
        Assert.Equal("<strong data-mx-profile-fallback>CI Bot: </strong>deploy &lt;done&gt;", first.Content().GetProperty("formatted_body").GetString());
        var profile = first.Content().GetProperty("com.beeper.per_message_profile");
        Assert.Equal("ci-bot", profile.GetProperty("id").GetString());
        Assert.Equal("CI Bot", profile.GetProperty("displayname").GetString());
        Assert.True(profile.GetProperty("has_fallback").GetBoolean());
        var mxc = profile.GetProperty("avatar_url").GetString();
        Assert.StartsWith("mxc://", mxc, StringComparison.Ordinal);
        // Uploaded once for both messages.
        Assert.Equal(mxc, second.Content().GetProperty("com.beeper.per_message_profile").GetProperty("avatar_url").GetString());
        h.Host.Homeserver?.AssertNoSpecViolations();
    }
}
