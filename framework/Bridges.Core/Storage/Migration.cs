namespace Bridges.Core.Storage;

/// <summary>One migration: its number, name and the SQL for each backend.</summary>
/// <param name="Version">The number, from 1 up.</param>
/// <param name="Name">A short description from the file name.</param>
/// <param name="SqliteSql">SQL for SQLite.</param>
/// <param name="PostgresSql">SQL for PostgreSQL.</param>
public sealed record Migration(int Version, string Name, string SqliteSql, string PostgresSql);
