namespace Bridges.Storage.Database;

/// <summary>The two backends; SQL differences are kept to the few places that need them.</summary>
public enum SqlDialect
{
    Sqlite,
    Postgres,
}
