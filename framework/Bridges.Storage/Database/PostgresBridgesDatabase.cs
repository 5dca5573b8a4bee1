using System.Data.Common;
using Npgsql;

namespace Bridges.Storage.Database;

/// <summary>PostgreSQL through one pooled <see cref="NpgsqlDataSource"/>.</summary>
internal sealed class PostgresBridgesDatabase : BridgesDatabase
{
    private readonly NpgsqlDataSource _source;

    public PostgresBridgesDatabase(string connectionString, int maxPoolSize)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = maxPoolSize };
        _source = NpgsqlDataSource.Create(builder);
    }

    public override SqlDialect Dialect => SqlDialect.Postgres;

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken ct) =>
        await _source.OpenConnectionAsync(ct).ConfigureAwait(false);

    public override async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct)
    {
        var conn = await OpenAsync(ct).ConfigureAwait(false);
        await using (conn.ConfigureAwait(false))
        {
            var tx = await conn.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (tx.ConfigureAwait(false))
            {
                var result = await work(conn, tx).ConfigureAwait(false);
                await tx.CommitAsync(ct).ConfigureAwait(false);
                return result;
            }
        }
    }

    public override ValueTask DisposeAsync() => _source.DisposeAsync();
}
