using System.Data.Common;
using System.Text.Json;
using Bridges.Core.Database;
using Bridges.Core.Logins;
using Bridges.Core.Network.Ids;
using Bridges.Matrix.Ids;
using Bridges.Storage.Database;

namespace Bridges.Storage.Bridge;

internal sealed class SqlUserLoginStore(BridgesDatabase db, string network) : IUserLoginStore
{
    private const string Select = "SELECT login_id, user_id, remote_name, metadata FROM user_logins WHERE network = @n";

    public async Task<UserLogin?> GetAsync(UserLoginId id, CancellationToken ct) =>
        (await db.QueryAsync(Select + " AND login_id = @id", Read, ct, ("@n", network), ("@id", id.Value)).ConfigureAwait(false)).FirstOrDefault();

    public async Task<IReadOnlyList<UserLogin>> ListAsync(CancellationToken ct) =>
        await db.QueryAsync(Select + " ORDER BY login_id", Read, ct, ("@n", network)).ConfigureAwait(false);

    public async Task<IReadOnlyList<UserLogin>> ListForUserAsync(UserId user, CancellationToken ct) =>
        await db.QueryAsync(Select + " AND user_id = @u ORDER BY login_id", Read, ct, ("@n", network), ("@u", user.Value)).ConfigureAwait(false);

    public Task UpsertAsync(UserLogin login, CancellationToken ct) => db.ExecuteAsync(
        "INSERT INTO user_logins (network, login_id, user_id, remote_name, metadata) VALUES (@n, @id, @u, @name, @meta) " +
        "ON CONFLICT (network, login_id) DO UPDATE SET user_id = excluded.user_id, remote_name = excluded.remote_name, metadata = excluded.metadata",
        ct, ("@n", network), ("@id", login.Id.Value), ("@u", login.UserId.Value), ("@name", login.RemoteName), ("@meta", login.Metadata?.GetRawText()));

    public Task DeleteAsync(UserLoginId id, CancellationToken ct) =>
        db.ExecuteAsync("DELETE FROM user_logins WHERE network = @n AND login_id = @id", ct, ("@n", network), ("@id", id.Value));

    private static UserLogin Read(DbDataReader r) => new(
        new UserLoginId(r.GetString(0)),
        UserId.Parse(r.GetString(1)),
        r.GetString(2),
        r.IsDBNull(3) ? null : ParseMetadata(r.GetString(3)));

    // The clone owns its own copy; the document is disposed so its pooled buffers go back to the pool.
    private static JsonElement ParseMetadata(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }
}
