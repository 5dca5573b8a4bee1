namespace Bridges.Testing.Homeserver;

/// <summary>A user made by <see cref="TestHomeserver.RegisterUser"/>, logged in on one device.</summary>
/// <param name="UserId">Full user id.</param>
/// <param name="AccessToken">Access token for the device.</param>
/// <param name="DeviceId">The device.</param>
public sealed record TestUserCredentials(string UserId, string AccessToken, string DeviceId);
