namespace Bridges.Storage.Tests.Bridge;

public abstract partial class BridgeStoresTests
{
    [Fact]
    public async Task Key_value_set_get_overwrite_and_delete_with_null()
    {
        var kv = (await StoresAsync()).KeyValues;
        Assert.Null(await kv.GetAsync("cursor", Ct));

        await kv.SetAsync("cursor", "1", Ct);
        Assert.Equal("1", await kv.GetAsync("cursor", Ct));

        await kv.SetAsync("cursor", "2", Ct);
        Assert.Equal("2", await kv.GetAsync("cursor", Ct));
        Assert.Equal(1, await CountAsync("kv_store"));

        await kv.SetAsync("cursor", null, Ct);
        Assert.Null(await kv.GetAsync("cursor", Ct));
        Assert.Equal(0, await CountAsync("kv_store"));

        // Deleting what is not there is harmless, and the key can be set again.
        await kv.SetAsync("cursor", null, Ct);
        await kv.SetAsync("cursor", "3", Ct);
        Assert.Equal("3", await kv.GetAsync("cursor", Ct));
    }

    [Fact]
    public async Task Key_values_keep_empty_and_large_unicode_values_exactly()
    {
        var kv = (await StoresAsync()).KeyValues;
        var large = string.Concat(Enumerable.Repeat("Grüße 🦀 \"q\" \\ \n\t", 2_000));

        await kv.SetAsync("empty", string.Empty, Ct);
        await kv.SetAsync("large", large, Ct);
        await kv.SetAsync("ключ 🔑", "value", Ct);

        Assert.Equal(string.Empty, await kv.GetAsync("empty", Ct));
        Assert.Equal(large, await kv.GetAsync("large", Ct));
        Assert.Equal("value", await kv.GetAsync("ключ 🔑", Ct));
        Assert.Null(await kv.GetAsync("КЛЮЧ 🔑", Ct));
    }

    [Fact]
    public async Task Key_values_are_namespaced_per_network()
    {
        var mine = (await StoresAsync()).KeyValues;
        var theirs = (await StoresAsync(OtherNetwork)).KeyValues;

        await mine.SetAsync("offset", "mine", Ct);
        Assert.Null(await theirs.GetAsync("offset", Ct));

        await theirs.SetAsync("offset", "theirs", Ct);
        Assert.Equal("mine", await mine.GetAsync("offset", Ct));
        Assert.Equal("theirs", await theirs.GetAsync("offset", Ct));

        await theirs.SetAsync("offset", null, Ct);
        Assert.Equal("mine", await mine.GetAsync("offset", Ct));
        Assert.Null(await theirs.GetAsync("offset", Ct));
    }
}
