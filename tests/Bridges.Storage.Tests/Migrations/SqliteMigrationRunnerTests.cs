using Bridges.Storage.Tests.Support;

namespace Bridges.Storage.Tests.Migrations;

/// <summary>The migration suite on SQLite files.</summary>
public sealed class SqliteMigrationRunnerTests(SqliteBackendFixture backend) : MigrationRunnerTests(backend), IClassFixture<SqliteBackendFixture>;
