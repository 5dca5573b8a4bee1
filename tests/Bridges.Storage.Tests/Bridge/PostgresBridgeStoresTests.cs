using Bridges.Storage.Tests.Support;

namespace Bridges.Storage.Tests.Bridge;

/// <summary>The core stores suite on a throw-away PostgreSQL database.</summary>
public sealed class PostgresBridgeStoresTests(PostgresBackendFixture backend) : BridgeStoresTests(backend), IClassFixture<PostgresBackendFixture>;
