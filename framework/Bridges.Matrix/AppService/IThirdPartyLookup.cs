using System.Text.Json;

namespace Bridges.Matrix.AppService;

/// <summary>Answers the third-party network lookups (<c>/_matrix/app/v1/thirdparty/…</c>).</summary>
public interface IThirdPartyLookup
{
    /// <summary>The protocol description object, or null when the protocol is unknown.</summary>
    Task<JsonElement?> GetProtocolAsync(string protocol, CancellationToken ct);

    /// <summary>Matching third-party users (an array) for the protocol and query fields.</summary>
    Task<JsonElement> FindUsersAsync(string? protocol, IReadOnlyDictionary<string, string> fields, CancellationToken ct);

    /// <summary>Matching third-party locations (an array) for the protocol and query fields.</summary>
    Task<JsonElement> FindLocationsAsync(string? protocol, IReadOnlyDictionary<string, string> fields, CancellationToken ct);
}
