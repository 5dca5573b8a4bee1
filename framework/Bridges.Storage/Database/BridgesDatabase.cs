using System.Data;
using System.Data.Common;

namespace Bridges.Storage.Database;

/// <summary>
/// A database connection source with the few helpers the stores use. Parameters are written <c>@name</c>
/// in SQL for both backends. Writes go through <see cref="WriteAsync{T}"/>, which serialises writers on SQLite
/// (one writer at a time is SQLite's model; waiting in-process beats busy-timeout spins).
/// </summary>
public abstract class BridgesDatabase : IAsyncDisposable
{
    /// <summary>The backend.</summary>
    public abstract SqlDialect Dialect { get; }

    /// <summary>Opens a pooled connection.</summary>
    public abstract ValueTask<DbConnection> OpenAsync(CancellationToken ct);

    /// <summary>Runs <paramref name="work"/> in a write transaction and commits it.</summary>
    public abstract Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct);

    /// <summary>Runs a statement outside a transaction and returns the affected row count.</summary>
    public Task<int> ExecuteAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters) =>
        WriteAsync(async (conn, tx) =>
        {
            // Disposed here: an undisposed SQLite command is finalised on the finalizer thread, which then contends
            // with every writer for the connection (it was a tenth of the ingest path's time).
            await using var cmd = Command(conn, tx, sql, parameters);
            return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, ct);

    /// <summary>Reads rows with <paramref name="read"/>.</summary>
    public async Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        var conn = await OpenAsync(ct).ConfigureAwait(false);
        await using (conn.ConfigureAwait(false))
        {
            await using var cmd = Command(conn, null, sql, parameters);
            var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var rows = new List<T>();
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    rows.Add(read(reader));
                }

                return rows;
            }
        }
    }

    /// <summary>Builds a parameterised command.</summary>
    public static DbCommand Command(DbConnection conn, DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }

        return cmd;
    }

    /// <inheritdoc />
    public abstract ValueTask DisposeAsync();

    /// <summary>Creates the database for the options' backend.</summary>
    public static BridgesDatabase Create(StorageOptions options) => options.Backend.ToLowerInvariant() switch
    {
        "sqlite" => new SqliteBridgesDatabase(options.ConnectionString),
        "postgres" or "postgresql" => new PostgresBridgesDatabase(options.ConnectionString, options.MaxPoolSize),
        _ => throw new ArgumentException($"storage.backend must be 'sqlite' or 'postgres', not '{options.Backend}'.", nameof(options)),
    };

    /// <summary>Reads an optional integer column.</summary>
    protected static long? Int64OrNull(IDataRecord r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);
}
