using System.Reflection;
using System.Text.RegularExpressions;

namespace Bridges.Core.Storage;

/// <summary>
/// Reads migrations embedded in an assembly under a resource-name prefix. Embed them with
/// <c>&lt;EmbeddedResource Include="Migrations/*.sql" LogicalName="migrations/%(Filename)%(Extension)" /&gt;</c>.
/// </summary>
public sealed partial class EmbeddedMigrationSource : IMigrationSource
{
    /// <param name="name">The source's name.</param>
    /// <param name="assembly">The assembly holding the resources.</param>
    /// <param name="prefix">The logical-name prefix, e.g. <c>migrations/</c>.</param>
    public EmbeddedMigrationSource(string name, Assembly assembly, string prefix = "migrations/")
    {
        Name = name;
        var files = new Dictionary<(int Version, string Name), Dictionary<string, string>>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var match = FileName().Match(resource[prefix.Length..]);
            if (!match.Success)
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            var key = (int.Parse(match.Groups["v"].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups["n"].Value);
            if (!files.TryGetValue(key, out var variants))
            {
                files[key] = variants = [];
            }

            variants[match.Groups["d"].Success ? match.Groups["d"].Value : "any"] = reader.ReadToEnd();
        }

        Migrations = files.OrderBy(f => f.Key.Version).Select(f => new Migration(
            f.Key.Version,
            f.Key.Name,
            f.Value.GetValueOrDefault("sqlite") ?? f.Value.GetValueOrDefault("any") ?? throw new InvalidOperationException($"Migration {f.Key.Version} of {name} has no SQLite SQL."),
            f.Value.GetValueOrDefault("postgres") ?? f.Value.GetValueOrDefault("any") ?? throw new InvalidOperationException($"Migration {f.Key.Version} of {name} has no PostgreSQL SQL."))).ToList();
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public IReadOnlyList<Migration> Migrations { get; }

    [GeneratedRegex(@"^(?<v>\d{4})-(?<n>[a-z0-9_-]+?)(\.(?<d>sqlite|postgres))?\.sql$")]
    private static partial Regex FileName();
}
