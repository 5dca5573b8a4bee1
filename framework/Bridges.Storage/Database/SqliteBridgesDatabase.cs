using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Bridges.Storage.Database;

/// <summary>SQLite in WAL mode with a busy timeout; one in-process writer at a time.</summary>
internal sealed class SqliteBridgesDatabase : BridgesDatabase
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    // Closing cancels this rather than disposing the lock: a writer waiting on a disposed SemaphoreSlim is never woken.
    private readonly CancellationTokenSource _closed = new();

    public SqliteBridgesDatabase(string pathOrConnectionString)
    {
        var builder = pathOrConnectionString.Contains('=', StringComparison.Ordinal)
            ? new SqliteConnectionStringBuilder(pathOrConnectionString)
            : new SqliteConnectionStringBuilder { DataSource = pathOrConnectionString };
        builder.Pooling = true;
        builder.DefaultTimeout = 30;
        _connectionString = builder.ToString();
        var dir = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }

        // WAL is a property of the database file: set once, it holds for every later connection.
        using var conn = new SqliteConnection(_connectionString);
        conn.Open();
        using var wal = Command(conn, null, "PRAGMA journal_mode=WAL;");
        wal.ExecuteNonQuery();
    }

    public override SqlDialect Dialect => SqlDialect.Sqlite;

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_closed.IsCancellationRequested, this);
        var conn = new SqliteConnection(_connectionString);
        await conn.OpenAsync(ct).ConfigureAwait(false);
        // NORMAL sync in WAL mode survives a process crash, which is the durability the bridge promises (an OS
        // crash may lose the last commits, never corrupt the file). Busy waits come from DefaultTimeout.
        await using var cmd = Command(conn, null, "PRAGMA synchronous=NORMAL;");
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        return conn;
    }

    public override async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_closed.IsCancellationRequested, this);
        using var closing = CancellationTokenSource.CreateLinkedTokenSource(ct, _closed.Token);
        try
        {
            await _writeLock.WaitAsync(closing.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new ObjectDisposedException(nameof(SqliteBridgesDatabase));
        }

        try
        {
            var conn = await OpenAsync(ct).ConfigureAwait(false);
            await using (conn.ConfigureAwait(false))
            {
                var tx = (SqliteTransaction)await conn.BeginTransactionAsync(ct).ConfigureAwait(false);
                await using (tx.ConfigureAwait(false))
                {
                    var result = await work(conn, tx).ConfigureAwait(false);
                    // Closed meanwhile: nothing more is committed (the transaction rolls back as it is disposed).
                    ObjectDisposedException.ThrowIf(_closed.IsCancellationRequested, this);
                    await tx.CommitAsync(ct).ConfigureAwait(false);
                    return result;
                }
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (_closed.IsCancellationRequested)
        {
            return;
        }

        await _closed.CancelAsync().ConfigureAwait(false);
        // This database's pool only: other databases of the process (parallel test hosts) keep theirs.
        using var conn = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(conn);
    }
}
