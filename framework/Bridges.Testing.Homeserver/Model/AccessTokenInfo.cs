namespace Bridges.Testing.Homeserver.Model;

/// <summary>A user access token and the device it belongs to.</summary>
internal sealed record AccessTokenInfo(string Token, string UserId, string DeviceId);
