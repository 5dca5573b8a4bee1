using Bridges.Storage.Tests.Support;

namespace Bridges.Storage.Tests.Bridge;

/// <summary>The core stores suite on a SQLite file.</summary>
public sealed class SqliteBridgeStoresTests(SqliteBackendFixture backend) : BridgeStoresTests(backend), IClassFixture<SqliteBackendFixture>;
