using Bridges.Core.Storage;

namespace Bridges.Storage;

/// <summary>The framework's own migrations (appservice inbox and the core tables).</summary>
public static class StorageMigrations
{
    /// <summary>The source named <c>framework</c>.</summary>
    public static IMigrationSource Framework { get; } = new EmbeddedMigrationSource("framework", typeof(StorageMigrations).Assembly);
}
