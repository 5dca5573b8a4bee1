namespace Bridges.Storage.Tests.Support;

/// <summary>SQLite files in a temp directory that is deleted afterwards.</summary>
public sealed class SqliteBackendFixture : StorageBackendFixture
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "bridges-storage-tests-" + Guid.NewGuid().ToString("N"));
    private int _count;

    public override string Backend => "sqlite";

    /// <summary>The file behind a connection string from this fixture.</summary>
    protected override Task<string> CreateEmptyDatabaseAsync()
    {
        Directory.CreateDirectory(_dir);
        return Task.FromResult(Path.Combine(_dir, $"db{Interlocked.Increment(ref _count)}.sqlite"));
    }

    protected override Task DropDatabasesAsync()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }

        return Task.CompletedTask;
    }
}
