namespace Bridges.Core.Network;

/// <summary>Durable key-value pairs namespaced per network.</summary>
public interface IPluginKeyValueStore
{
    /// <summary>The value, or null.</summary>
    Task<string?> GetAsync(string key, CancellationToken ct);

    /// <summary>Sets (or with null, deletes) a value.</summary>
    Task SetAsync(string key, string? value, CancellationToken ct);
}
