using Bridges.Core.Network;
using Bridges.Storage.Database;

namespace Bridges.Storage.Bridge;

internal sealed class SqlKeyValueStore(BridgesDatabase db, string ns) : IPluginKeyValueStore
{
    public async Task<string?> GetAsync(string key, CancellationToken ct) =>
        (await db.QueryAsync("SELECT v FROM kv_store WHERE namespace = @ns AND k = @k", r => r.GetString(0), ct, ("@ns", ns), ("@k", key)).ConfigureAwait(false)).FirstOrDefault();

    public Task SetAsync(string key, string? value, CancellationToken ct) => value is null
        ? db.ExecuteAsync("DELETE FROM kv_store WHERE namespace = @ns AND k = @k", ct, ("@ns", ns), ("@k", key))
        : db.ExecuteAsync("INSERT INTO kv_store (namespace, k, v) VALUES (@ns, @k, @v) ON CONFLICT (namespace, k) DO UPDATE SET v = excluded.v", ct, ("@ns", ns), ("@k", key), ("@v", value));
}
