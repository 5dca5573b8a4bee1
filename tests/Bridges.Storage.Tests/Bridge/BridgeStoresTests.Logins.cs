using System.Text.Json;
using Bridges.Core.Logins;
using Bridges.Core.Network.Ids;
using Bridges.Matrix.Ids;

namespace Bridges.Storage.Tests.Bridge;

public abstract partial class BridgeStoresTests
{
    private const string RichJson = """{"token":"s3cr3t","servers":["irc.libera.chat",6697,true,null],"nested":{"deep":{"n":-1.5e3}},"text":"Grüße 🦀 \"q\" \\ \n"}""";

    [Fact]
    public async Task Login_upsert_then_get_round_trips_json_metadata()
    {
        var stores = await StoresAsync();
        var rich = Login("alice@libera", "@alice:bridges.test", "alice", RichJson);
        var plain = Login("alice@oftc", "@alice:bridges.test", "alice_", null);

        await stores.Logins.UpsertAsync(rich, Ct);
        await stores.Logins.UpsertAsync(plain, Ct);

        AssertLogin(rich, await stores.Logins.GetAsync(rich.Id, Ct));
        AssertLogin(plain, await stores.Logins.GetAsync(plain.Id, Ct));
        Assert.Null(await stores.Logins.GetAsync(new UserLoginId("nobody"), Ct));
    }

    [Fact]
    public async Task Login_upsert_replaces_owner_name_and_metadata()
    {
        var stores = await StoresAsync();
        var login = Login("relay", "@alice:bridges.test", "relay", """{"v":1}""");
        await stores.Logins.UpsertAsync(login, Ct);

        var changed = Login("relay", "@bot:bridges.test", "relay-bot", """{"v":2,"extra":[1]}""");
        await stores.Logins.UpsertAsync(changed, Ct);
        AssertLogin(changed, await stores.Logins.GetAsync(login.Id, Ct));

        var cleared = changed with { Metadata = null };
        await stores.Logins.UpsertAsync(cleared, Ct);
        AssertLogin(cleared, await stores.Logins.GetAsync(login.Id, Ct));
        Assert.Single(await stores.Logins.ListAsync(Ct));
    }

    [Fact]
    public async Task Logins_list_all_and_per_user_within_the_network()
    {
        var stores = await StoresAsync();
        var other = await StoresAsync(OtherNetwork);
        var alice1 = Login("alice-1", "@alice:bridges.test", "alice", """{"n":1}""");
        var alice2 = Login("alice-2", "@alice:bridges.test", "alice2", null);
        var bob = Login("bob-1", "@bob:bridges.test", "bob", null);
        foreach (var login in new[] { alice2, bob, alice1 })
        {
            await stores.Logins.UpsertAsync(login, Ct);
        }

        await other.Logins.UpsertAsync(Login("alice-elsewhere", "@alice:bridges.test", "alice", null), Ct);

        var all = await stores.Logins.ListAsync(Ct);
        Assert.Equal(["alice-1", "alice-2", "bob-1"], all.Select(l => l.Id.Value).Order(StringComparer.Ordinal));
        AssertLogin(alice1, all.Single(l => l.Id == alice1.Id));

        var alices = await stores.Logins.ListForUserAsync(UserId.Parse("@alice:bridges.test"), Ct);
        Assert.Equal(["alice-1", "alice-2"], alices.Select(l => l.Id.Value).Order(StringComparer.Ordinal));
        Assert.Equal(["bob-1"], (await stores.Logins.ListForUserAsync(UserId.Parse("@bob:bridges.test"), Ct)).Select(l => l.Id.Value));
        Assert.Empty(await stores.Logins.ListForUserAsync(UserId.Parse("@carol:bridges.test"), Ct));
        Assert.Equal(["alice-elsewhere"], (await other.Logins.ListForUserAsync(UserId.Parse("@alice:bridges.test"), Ct)).Select(l => l.Id.Value));
    }

    [Fact]
    public async Task Login_delete_removes_only_that_login()
    {
        var stores = await StoresAsync();
        var other = await StoresAsync(OtherNetwork);
        var gone = Login("gone", "@alice:bridges.test", "alice", null);
        var kept = Login("kept", "@alice:bridges.test", "alice", null);
        await stores.Logins.UpsertAsync(gone, Ct);
        await stores.Logins.UpsertAsync(kept, Ct);
        await other.Logins.UpsertAsync(gone, Ct);

        await stores.Logins.DeleteAsync(gone.Id, Ct);
        await stores.Logins.DeleteAsync(new UserLoginId("never"), Ct);

        Assert.Null(await stores.Logins.GetAsync(gone.Id, Ct));
        Assert.Equal(["kept"], (await stores.Logins.ListForUserAsync(gone.UserId, Ct)).Select(l => l.Id.Value));
        AssertLogin(gone, await other.Logins.GetAsync(gone.Id, Ct));
    }

    private static UserLogin Login(string id, string user, string name, string? json) =>
        new(new UserLoginId(id), UserId.Parse(user), name, json is null ? null : JsonDocument.Parse(json).RootElement.Clone());

    /// <summary>Field by field: <see cref="JsonElement"/> has no value equality, so metadata is compared as JSON and as text.</summary>
    private static void AssertLogin(UserLogin expected, UserLogin? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.UserId, actual.UserId);
        Assert.Equal(expected.RemoteName, actual.RemoteName);
        if (expected.Metadata is { } json)
        {
            Assert.NotNull(actual.Metadata);
            Assert.True(JsonElement.DeepEquals(json, actual.Metadata.Value), $"metadata changed: {actual.Metadata.Value.GetRawText()}");
            Assert.Equal(json.GetRawText(), actual.Metadata.Value.GetRawText());
        }
        else
        {
            Assert.Null(actual.Metadata);
        }
    }
}
