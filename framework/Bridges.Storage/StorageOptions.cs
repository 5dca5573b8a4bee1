using System.ComponentModel.DataAnnotations;

namespace Bridges.Storage;

/// <summary>Which database the bridges use. SQLite needs no setup; PostgreSQL suits larger or replicated setups.</summary>
public sealed class StorageOptions
{
    /// <summary>The config section name.</summary>
    public const string SectionName = "storage";

    /// <summary><c>sqlite</c> (default) or <c>postgres</c>.</summary>
    [RegularExpression("(?i)sqlite|postgres|postgresql", ErrorMessage = "must be sqlite or postgres")]
    public string Backend { get; set; } = "sqlite";

    /// <summary>
    /// For SQLite a file path (default <c>bridges.db</c>) or full connection string; for PostgreSQL an Npgsql
    /// connection string. May come from a file through <c>connection_string_file</c>.
    /// </summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "required")]
    public string ConnectionString { get; set; } = "bridges.db";

    /// <summary>PostgreSQL pool size.</summary>
    [Range(1, 10_000, ErrorMessage = "must be between {1} and {2}")]
    public int MaxPoolSize { get; set; } = 50;
}
