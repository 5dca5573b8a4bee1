namespace Bridges.Core.Storage;

/// <summary>
/// A set of numbered, forward-only SQL migrations owned by one component (the framework or a plugin).
/// Files are <c>NNNN-name.sql</c>, with <c>NNNN-name.sqlite.sql</c> / <c>NNNN-name.postgres.sql</c> variants
/// only where the SQL differs between backends.
/// </summary>
public interface IMigrationSource
{
    /// <summary>A stable name for the owner, e.g. <c>core</c> or <c>irc</c>; versions are counted per source.</summary>
    string Name { get; }

    /// <summary>The migrations, in any order.</summary>
    IReadOnlyList<Migration> Migrations { get; }
}
