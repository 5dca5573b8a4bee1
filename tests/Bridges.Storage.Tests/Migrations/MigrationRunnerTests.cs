using Bridges.Core.Storage;
using Bridges.Storage.Database;
using Bridges.Storage.Migrations;
using Bridges.Storage.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bridges.Storage.Tests.Migrations;

/// <summary><see cref="MigrationRunner"/> on one backend, each test on a database of its own.</summary>
public abstract class MigrationRunnerTests
{
    private readonly StorageBackendFixture _backend;

    protected MigrationRunnerTests(StorageBackendFixture backend) => _backend = backend;

    private static CancellationToken Ct => CancellationToken.None;

    private static IMigrationSource TestSource(string set) =>
        new EmbeddedMigrationSource("widgets", typeof(MigrationRunnerTests).Assembly, $"test-migrations/{set}/");

    [Fact]
    public async Task Framework_migrations_apply_on_a_fresh_database_and_are_recorded_in_bridges_schema()
    {
        var db = await _backend.CreateDatabaseAsync();
        var expected = StorageMigrations.Framework.Migrations;
        Assert.NotEmpty(expected);

        var applied = await Runner(db).ApplyAsync([StorageMigrations.Framework], Ct);

        Assert.Equal(expected.Count, applied);
        var recorded = await SchemaRowsAsync(db);
        Assert.Equal(expected.Select(m => ("framework", m.Version, m.Name)), recorded);
        // The tables the inbox needs exist and are empty.
        Assert.Equal(0, await CountAsync(db, "as_inbox"));
        Assert.Equal(0, await CountAsync(db, "as_transactions"));
    }

    [Fact]
    public async Task Running_migrations_again_applies_nothing()
    {
        var db = await _backend.CreateDatabaseAsync();
        await Runner(db).ApplyAsync([StorageMigrations.Framework, TestSource("v2")], Ct);
        var before = await SchemaRowsAsync(db);

        var again = await Runner(db).ApplyAsync([StorageMigrations.Framework, TestSource("v2")], Ct);
        var fromAnotherHandle = await Runner(_backend.Reopen(db)).ApplyAsync([StorageMigrations.Framework, TestSource("v2")], Ct);

        Assert.Equal(0, again);
        Assert.Equal(0, fromAnotherHandle);
        Assert.Equal(before, await SchemaRowsAsync(db));
        // The seed row of migration 3 was inserted once.
        Assert.Equal(1, await CountAsync(db, "widgets"));
    }

    [Fact]
    public async Task New_migrations_of_a_source_apply_on_top_of_the_recorded_ones()
    {
        var db = await _backend.CreateDatabaseAsync();
        Assert.Equal(1, await Runner(db).ApplyAsync([TestSource("v1")], Ct));

        var applied = await Runner(db).ApplyAsync([TestSource("v2")], Ct);

        Assert.Equal(2, applied);
        Assert.Equal([("widgets", 1, "widgets"), ("widgets", 2, "gadgets"), ("widgets", 3, "widget-index")], await SchemaRowsAsync(db));
        // The dialect-specific migration made a usable table on this backend.
        await db.ExecuteAsync("INSERT INTO gadgets (widget_id) VALUES (1)", Ct);
        Assert.Equal(1, await CountAsync(db, "gadgets"));
    }

    [Fact]
    public async Task Sources_are_versioned_independently()
    {
        var db = await _backend.CreateDatabaseAsync();

        var applied = await Runner(db).ApplyAsync([StorageMigrations.Framework, TestSource("v1")], Ct);

        Assert.Equal(StorageMigrations.Framework.Migrations.Count + 1, applied);
        Assert.Contains(("widgets", 1, "widgets"), await SchemaRowsAsync(db));
        Assert.Contains(("framework", 1, StorageMigrations.Framework.Migrations[0].Name), await SchemaRowsAsync(db));
    }

    [Fact]
    public async Task Failing_migration_rolls_back_its_source_and_records_nothing()
    {
        var db = await _backend.CreateDatabaseAsync();
        await Runner(db).ApplyAsync([StorageMigrations.Framework], Ct);

        await Assert.ThrowsAnyAsync<Exception>(() => Runner(db).ApplyAsync([TestSource("broken")], Ct));

        Assert.DoesNotContain(await SchemaRowsAsync(db), r => r.Source == "widgets");
        Assert.False(await TableExistsAsync(db, "half_done"), "the failed migration's first statement was not rolled back");
        Assert.False(await TableExistsAsync(db, "widgets"), "the source's earlier migration in the same run was not rolled back");
        // The fixed set applies cleanly afterwards.
        Assert.Equal(3, await Runner(db).ApplyAsync([TestSource("v2")], Ct));
    }

    [Fact]
    public async Task Two_runners_started_concurrently_apply_each_migration_exactly_once()
    {
        var db = await _backend.CreateDatabaseAsync();
        IMigrationSource[] sources = [StorageMigrations.Framework, TestSource("v2")];
        var total = sources.Sum(s => s.Migrations.Count);
        // Separate handles, each with its own pool and in-process write lock, as two hosts starting together have.
        var handles = Enumerable.Range(0, 4).Select(_ => _backend.Reopen(db)).ToList();
        using var start = new Barrier(handles.Count);

        var counts = await Task.WhenAll(handles.Select(h => Task.Run(async () =>
        {
            start.SignalAndWait(TimeSpan.FromSeconds(10));
            return await Runner(h).ApplyAsync(sources, Ct);
        })));

        Assert.Equal(total, counts.Sum());
        var recorded = await SchemaRowsAsync(db);
        Assert.Equal(total, recorded.Count);
        Assert.Equal(recorded.Count, recorded.Distinct().Count());
        Assert.Equal(1, await CountAsync(db, "widgets"));
    }

    private static MigrationRunner Runner(BridgesDatabase db) => new(db, NullLogger<MigrationRunner>.Instance);

    private static async Task<List<(string Source, int Version, string Name)>> SchemaRowsAsync(BridgesDatabase db) =>
        await db.QueryAsync("SELECT source, version, name FROM bridges_schema ORDER BY source, version",
            r => (r.GetString(0), Convert.ToInt32(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture), r.GetString(2)), Ct);

    private static async Task<long> CountAsync(BridgesDatabase db, string table) =>
        (await db.QueryAsync($"SELECT COUNT(*) FROM {table}", r => r.GetInt64(0), Ct)).Single();

    private static async Task<bool> TableExistsAsync(BridgesDatabase db, string table)
    {
        var sql = db.Dialect == SqlDialect.Sqlite
            ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @t"
            : "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = @t";
        return (await db.QueryAsync(sql, r => r.GetInt64(0), Ct, ("@t", table))).Single() > 0;
    }
}
