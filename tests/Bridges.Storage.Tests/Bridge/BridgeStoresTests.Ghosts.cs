using Bridges.Core.Database;
using Bridges.Core.Network.Ids;
using Bridges.Matrix.Ids;

namespace Bridges.Storage.Tests.Bridge;

public abstract partial class BridgeStoresTests
{
    [Fact]
    public async Task Ghost_upsert_then_get_returns_every_field_and_unknown_ghosts_are_null()
    {
        var stores = await StoresAsync();
        var full = new GhostRecord
        {
            Id = new RemoteUserId("bob!~bob@host"),
            DisplayName = "Bob 🦀",
            AvatarId = "hash-1",
            AvatarUrl = MxcUri.Parse("mxc://bridges.test/bobavatar"),
            Metadata = """{"account":"bob"}""",
        };
        var bare = new GhostRecord { Id = new RemoteUserId("carol") };

        await stores.Ghosts.UpsertAsync(full, Ct);
        await stores.Ghosts.UpsertAsync(bare, Ct);

        Assert.Equal(full, await stores.Ghosts.GetAsync(full.Id, Ct));
        Assert.Equal(bare, await stores.Ghosts.GetAsync(bare.Id, Ct));
        Assert.Null(await stores.Ghosts.GetAsync(new RemoteUserId("nobody"), Ct));
    }

    [Fact]
    public async Task Ghost_upsert_replaces_the_stored_profile()
    {
        var stores = await StoresAsync();
        var ghost = new GhostRecord { Id = new RemoteUserId("bob"), DisplayName = "Bob", AvatarId = "a1", AvatarUrl = MxcUri.Parse("mxc://bridges.test/a1"), Metadata = "{}" };
        await stores.Ghosts.UpsertAsync(ghost, Ct);

        var renamed = ghost with { DisplayName = "Robert", AvatarId = "a2", AvatarUrl = MxcUri.Parse("mxc://bridges.test/a2"), Metadata = """{"v":2}""" };
        await stores.Ghosts.UpsertAsync(renamed, Ct);
        Assert.Equal(renamed, await stores.Ghosts.GetAsync(ghost.Id, Ct));

        var cleared = renamed with { DisplayName = null, AvatarId = null, AvatarUrl = null, Metadata = null };
        await stores.Ghosts.UpsertAsync(cleared, Ct);
        Assert.Equal(cleared, await stores.Ghosts.GetAsync(ghost.Id, Ct));
        Assert.Equal(1, await CountAsync("ghosts"));
    }

    [Fact]
    public async Task Ghosts_are_per_network()
    {
        var irc = await StoresAsync();
        var other = await StoresAsync(OtherNetwork);
        var ircBob = new GhostRecord { Id = new RemoteUserId("bob"), DisplayName = "IRC Bob" };
        var otherBob = new GhostRecord { Id = new RemoteUserId("bob"), DisplayName = "Other Bob" };

        await irc.Ghosts.UpsertAsync(ircBob, Ct);
        Assert.Null(await other.Ghosts.GetAsync(ircBob.Id, Ct));

        await other.Ghosts.UpsertAsync(otherBob, Ct);

        Assert.Equal(ircBob, await irc.Ghosts.GetAsync(ircBob.Id, Ct));
        Assert.Equal(otherBob, await other.Ghosts.GetAsync(otherBob.Id, Ct));
    }
}
