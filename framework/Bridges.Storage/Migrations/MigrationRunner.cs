using Bridges.Core.Storage;
using Bridges.Storage.Database;
using Microsoft.Extensions.Logging;

namespace Bridges.Storage.Migrations;

/// <summary>
/// Applies pending migrations of every source at start: each source's pending migrations in one database
/// transaction, under a lock so two hosts starting together cannot both apply them.
/// </summary>
public sealed class MigrationRunner
{
    private const long AdvisoryLockKey = 0x4272_6964_6765; // "Bridge"
    private readonly BridgesDatabase _db;
    private readonly ILogger _logger;

    public MigrationRunner(BridgesDatabase db, ILogger<MigrationRunner> logger)
    {
        _db = db;
        _logger = logger;
    }

    /// <summary>Applies what is pending and returns how many migrations ran.</summary>
    public async Task<int> ApplyAsync(IEnumerable<IMigrationSource> sources, CancellationToken ct)
    {
        var applied = 0;
        foreach (var source in sources)
        {
            applied += await _db.WriteAsync(async (conn, tx) =>
            {
                if (_db.Dialect == SqlDialect.Postgres)
                {
                    await using var lockCmd = BridgesDatabase.Command(conn, tx, "SELECT pg_advisory_xact_lock(@k)", ("@k", AdvisoryLockKey));
                    await lockCmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                await using (var create = BridgesDatabase.Command(conn, tx,
                    "CREATE TABLE IF NOT EXISTS bridges_schema (source TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, applied_at BIGINT NOT NULL, PRIMARY KEY (source, version))"))
                {
                    await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                long current;
                await using (var read = BridgesDatabase.Command(conn, tx, "SELECT COALESCE(MAX(version), 0) FROM bridges_schema WHERE source = @s", ("@s", source.Name)))
                {
                    current = Convert.ToInt64(await read.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
                }

                var count = 0;
                foreach (var migration in source.Migrations.Where(m => m.Version > current).OrderBy(m => m.Version))
                {
                    var sql = _db.Dialect == SqlDialect.Sqlite ? migration.SqliteSql : migration.PostgresSql;
                    await using (var run = BridgesDatabase.Command(conn, tx, sql))
                    {
                        await run.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                    }

                    await using (var record = BridgesDatabase.Command(conn, tx, "INSERT INTO bridges_schema (source, version, name, applied_at) VALUES (@s, @v, @n, @t)",
                        ("@s", source.Name), ("@v", migration.Version), ("@n", migration.Name), ("@t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())))
                    {
                        await record.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                    }

                    Log.Applied(_logger, source.Name, migration.Version, migration.Name);
                    count++;
                }

                return count;
            }, ct).ConfigureAwait(false);
        }

        return applied;
    }
}
