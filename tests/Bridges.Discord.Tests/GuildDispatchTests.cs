using System.Text.Json;
using Bridges.Core.Security;
using Bridges.Discord.Gateway;
using Bridges.Emulators.Discord.World;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bridges.Discord.Tests;

/// <summary>The emulator's guild dispatches: the documented payloads, with the objects in their OpenAPI shapes, to the sessions whose intents ask for them.</summary>
public sealed class GuildDispatchTests
{
    private static readonly GatewaySettings Fast = new(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(200));

    private static async Task<DiscordGatewayClient> ConnectAsync(ClientWorld w, GatewayRecorder recorder, GatewayIntents intents)
    {
        var gateway = new DiscordGatewayClient(new Secret(w.Bot.Token!), intents, Fast, TimeProvider.System, NullLogger.Instance, recorder);
        await gateway.ConnectAsync(new Uri((await w.Rest.GetGatewayBotAsync(CancellationToken.None)).Url), CancellationToken.None);
        await recorder.WaitForAsync("GUILD_CREATE");
        return gateway;
    }

    private static void Conforms(ClientWorld w, string component, JsonElement value) => Assert.Empty(w.Emulator.Spec.CheckComponent(component, value));

    [Fact]
    public async Task Guild_create_carries_roles_member_roles_and_overwrites_and_changes_dispatch_the_documented_payloads()
    {
        await using var w = await ClientWorld.StartAsync();
        var mods = w.Emulator.CreateRole(w.Guild, "Mods", 1L << 13);
        var bob = w.Emulator.AddUser("bob");
        w.Emulator.AddMember(w.Guild, bob, mods);
        w.Emulator.UpdateChannel(w.Channel, overwrites: [EmulatedOverwrite.For(bob, deny: 1L << 10)]);
        var recorder = new GatewayRecorder();
        await using var gateway = await ConnectAsync(w, recorder, GatewayIntents.Bridge);

        var guild = recorder.Seen.First(s => s.Type == "GUILD_CREATE").Data;
        Assert.Equal(w.Alice.Id, guild.GetProperty("owner_id").GetString());
        var roles = guild.GetProperty("roles").EnumerateArray().ToList();
        Assert.Contains(roles, r => r.GetProperty("id").GetString() == w.Guild.Id && r.GetProperty("permissions").GetString() == EmulatedRole.DefaultEveryone.ToString(System.Globalization.CultureInfo.InvariantCulture));
        roles.ForEach(r => Conforms(w, "GuildRoleResponse", r));
        var member = guild.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("user").GetProperty("id").GetString() == bob.Id);
        Conforms(w, "GuildMemberResponse", member);
        Assert.Equal(mods.Id, member.GetProperty("roles")[0].GetString());
        var channel = guild.GetProperty("channels").EnumerateArray().Single(c => c.GetProperty("id").GetString() == w.Channel.Id);
        var overwrite = channel.GetProperty("permission_overwrites")[0];
        Conforms(w, "ChannelPermissionOverwriteResponse", overwrite);
        Assert.Equal((bob.Id, 1, "1024"), (overwrite.GetProperty("id").GetString(), overwrite.GetProperty("type").GetInt32(), overwrite.GetProperty("deny").GetString()));

        w.Emulator.SetRoles(w.Guild, bob);
        w.Emulator.UpdateRole(mods, 1L << 3);
        w.Emulator.DeleteRole(mods);
        w.Emulator.Ban(w.Guild, bob);
        w.Emulator.RenameGuild(w.Guild, "Mad tea party");
        w.Emulator.DeleteChannel(w.Channel);

        var update = await recorder.WaitForAsync("GUILD_MEMBER_UPDATE");
        Assert.Equal((w.Guild.Id, 0), (update.GetProperty("guild_id").GetString(), update.GetProperty("roles").GetArrayLength()));
        var role = await recorder.WaitForAsync("GUILD_ROLE_UPDATE");
        Assert.Equal("8", role.GetProperty("role").GetProperty("permissions").GetString());
        Conforms(w, "GuildRoleResponse", role.GetProperty("role"));
        var deleted = await recorder.WaitForAsync("GUILD_ROLE_DELETE");
        Assert.Equal(mods.Id, deleted.GetProperty("role_id").GetString());
        var ban = await recorder.WaitForAsync("GUILD_BAN_ADD");
        Assert.Equal(bob.Id, ban.GetProperty("user").GetProperty("id").GetString());
        var removed = await recorder.WaitForAsync("GUILD_MEMBER_REMOVE");
        Assert.Equal([ "guild_id", "user" ], removed.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("Mad tea party", (await recorder.WaitForAsync("GUILD_UPDATE")).GetProperty("name").GetString());
        Assert.Equal(w.Channel.Id, (await recorder.WaitForAsync("CHANNEL_DELETE")).GetProperty("id").GetString());
        w.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Member_events_go_only_to_sessions_with_the_guild_members_intent_and_bans_to_those_with_moderation()
    {
        await using var w = await ClientWorld.StartAsync();
        var bob = w.Emulator.AddUser("bob");
        var recorder = new GatewayRecorder();
        await using var gateway = await ConnectAsync(w, recorder, GatewayIntents.Guilds | GatewayIntents.GuildMessages);

        w.Emulator.AddMember(w.Guild, bob);
        w.Emulator.Ban(w.Guild, bob);
        w.Emulator.RenameGuild(w.Guild, "Marker");
        await recorder.WaitForAsync("GUILD_UPDATE");

        Assert.DoesNotContain(recorder.Seen, s => s.Type.StartsWith("GUILD_MEMBER_", StringComparison.Ordinal) || s.Type == "GUILD_BAN_ADD");
        w.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Guild_create_lists_custom_emoji_in_their_openapi_shape_and_the_cdn_serves_them()
    {
        await using var w = await ClientWorld.StartAsync();
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 7];
        var emoji = w.Emulator.AddEmoji(w.Guild, "teacup", png, animated: true);
        var recorder = new GatewayRecorder();
        await using var gateway = await ConnectAsync(w, recorder, GatewayIntents.Bridge);

        var listed = recorder.Seen.First(s => s.Type == "GUILD_CREATE").Data.GetProperty("emojis").EnumerateArray().Single();
        Conforms(w, "EmojiResponse", listed);
        Assert.Equal((emoji.Id, "teacup", true), (listed.GetProperty("id").GetString(), listed.GetProperty("name").GetString(), listed.GetProperty("animated").GetBoolean()));
        Assert.Equal($"<a:teacup:{emoji.Id}>", emoji.Markdown);
        using var cdn = new HttpClient { BaseAddress = w.Emulator.BaseUrl };
        Assert.Equal(png, await cdn.GetByteArrayAsync($"emojis/{emoji.Id}.gif"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await cdn.GetAsync("emojis/1.png")).StatusCode);
    }
}
