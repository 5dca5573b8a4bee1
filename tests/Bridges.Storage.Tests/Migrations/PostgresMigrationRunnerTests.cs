using Bridges.Storage.Tests.Support;

namespace Bridges.Storage.Tests.Migrations;

/// <summary>The migration suite on throw-away PostgreSQL databases.</summary>
public sealed class PostgresMigrationRunnerTests(PostgresBackendFixture backend) : MigrationRunnerTests(backend), IClassFixture<PostgresBackendFixture>;
