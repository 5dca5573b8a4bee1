using Bridges.Storage.Tests.Support;

namespace Bridges.Storage.Tests.AppService;

/// <summary>The inbox suite on a SQLite file.</summary>
public sealed class SqliteInboxStoreTests(SqliteBackendFixture backend) : InboxStoreTests(backend), IClassFixture<SqliteBackendFixture>;
