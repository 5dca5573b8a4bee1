using System.Security.Cryptography;
using Npgsql;

namespace Bridges.Storage.Tests.Support;

/// <summary>
/// Throw-away databases (<c>bridges_t_&lt;random&gt;</c>) on the PostgreSQL of the project's test environment
/// (<c>testenv/up.sh</c>), found through <c>BRIDGES_TEST_PG</c>. An unreachable server fails the tests; it never skips them.
/// </summary>
public sealed class PostgresBackendFixture : StorageBackendFixture
{
    public const string DefaultConnectionString = "Host=127.0.0.1;Port=15432;Username=bridges;Database=bridges_test";

    private readonly List<string> _created = [];

    public override string Backend => "postgres";

    /// <summary>The server's connection string (its database is used only to create and drop the test databases).</summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("BRIDGES_TEST_PG") is { Length: > 0 } fromEnv ? fromEnv : DefaultConnectionString;

    public override async Task InitializeAsync()
    {
        try
        {
            await using var conn = new NpgsqlConnection(ServerConnectionString);
            await conn.OpenAsync();
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            var safe = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Password = null };
            throw new InvalidOperationException(
                $"PostgreSQL for the storage tests is unreachable at '{safe.ConnectionString}': {e.Message}. " +
                "Start it with 'bash testenv/up.sh' and 'source /tmp/bridges-testenv/env.sh', or point BRIDGES_TEST_PG at a server " +
                "where the user may CREATE DATABASE. These tests do not skip.", e);
        }
    }

    protected override async Task<string> CreateEmptyDatabaseAsync()
    {
        var name = "bridges_t_" + RandomNumberGenerator.GetHexString(12, lowercase: true);
        await using (var conn = new NpgsqlConnection(ServerConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
            await cmd.ExecuteNonQueryAsync();
        }

        lock (_created)
        {
            _created.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString;
    }

    protected override async Task DropDatabasesAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(ServerConnectionString);
        await conn.OpenAsync();
        foreach (var name in _created)
        {
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
