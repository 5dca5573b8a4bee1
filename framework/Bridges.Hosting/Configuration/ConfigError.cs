namespace Bridges.Hosting.Configuration;

/// <summary>A problem in the config file: the key's dotted path, its line (0 when unknown) and what is wrong.</summary>
public sealed record ConfigError(string Path, int Line, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Line > 0 ? $"{Path} (line {Line}): {Message}" : $"{Path}: {Message}";
}
