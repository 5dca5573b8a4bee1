namespace Bridges.Core.Network;

/// <summary>A webhook POST as received.</summary>
/// <param name="Headers">Request headers (names case-insensitive; repeated headers joined with commas).</param>
/// <param name="Body">The body, at most the listener's webhook size limit.</param>
public sealed record WebhookRequest(IReadOnlyDictionary<string, string> Headers, ReadOnlyMemory<byte> Body);
