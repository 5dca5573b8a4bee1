namespace Bridges.Testing.Homeserver.Model;

/// <summary>A read receipt of one user in one room (per receipt type and thread).</summary>
internal sealed record Receipt(string Type, string UserId, string EventId, string? ThreadId, long Ts, long Position);
