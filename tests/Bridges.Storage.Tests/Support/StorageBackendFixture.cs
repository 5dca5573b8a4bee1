using Bridges.Storage.Database;
using Bridges.Storage.Migrations;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bridges.Storage.Tests.Support;

/// <summary>
/// One backend for one test class: hands out fresh, empty databases and removes them all when the class is done.
/// The shared abstract test classes run once per backend through a subclass that takes the matching fixture.
/// </summary>
public abstract class StorageBackendFixture : IAsyncLifetime
{
    private readonly SemaphoreSlim _sharedLock = new(1, 1);
    private readonly List<BridgesDatabase> _opened = [];
    private readonly Dictionary<BridgesDatabase, string> _connectionStrings = [];
    private BridgesDatabase? _shared;

    /// <summary>The backend's name in <see cref="StorageOptions.Backend"/>.</summary>
    public abstract string Backend { get; }

    /// <summary>A connection string for a brand-new database with no tables.</summary>
    protected abstract Task<string> CreateEmptyDatabaseAsync();

    /// <summary>Removes everything <see cref="CreateEmptyDatabaseAsync"/> made.</summary>
    protected abstract Task DropDatabasesAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <summary>A fresh, empty database (no migrations applied).</summary>
    public async Task<BridgesDatabase> CreateDatabaseAsync()
    {
        return Open(await CreateEmptyDatabaseAsync());
    }

    /// <summary>Another handle on the same database, with its own pool and locks, as a second process would have.</summary>
    public BridgesDatabase Open(string connectionString)
    {
        var db = BridgesDatabase.Create(new StorageOptions { Backend = Backend, ConnectionString = connectionString, MaxPoolSize = 10 });
        lock (_opened)
        {
            _opened.Add(db);
            _connectionStrings[db] = connectionString;
        }

        return db;
    }

    /// <summary>Another handle on the database behind <paramref name="db"/>.</summary>
    public BridgesDatabase Reopen(BridgesDatabase db)
    {
        string connectionString;
        lock (_opened)
        {
            connectionString = _connectionStrings[db];
        }

        return Open(connectionString);
    }

    /// <summary>One database per test class with the framework migrations applied; tests isolate by appservice id.</summary>
    public async Task<BridgesDatabase> GetMigratedDatabaseAsync()
    {
        await _sharedLock.WaitAsync();
        try
        {
            if (_shared is null)
            {
                var db = await CreateDatabaseAsync();
                await new MigrationRunner(db, NullLogger<MigrationRunner>.Instance).ApplyAsync([StorageMigrations.Framework], CancellationToken.None);
                _shared = db;
            }

            return _shared;
        }
        finally
        {
            _sharedLock.Release();
        }
    }

    public async Task DisposeAsync()
    {
        List<BridgesDatabase> opened;
        lock (_opened)
        {
            opened = [.. _opened];
        }

        foreach (var db in opened)
        {
            await db.DisposeAsync();
        }

        await DropDatabasesAsync();
        _sharedLock.Dispose();
    }
}
