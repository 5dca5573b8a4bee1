using Bridges.Matrix.Errors;
using Bridges.Matrix.Ids;

namespace Bridges.Matrix.Client;

public sealed partial class MatrixClient
{
    private const string V3 = "_matrix/client/v3/";

    /// <summary>Spec versions the homeserver supports (<c>GET /_matrix/client/versions</c>).</summary>
    public async Task<IReadOnlyList<string>> GetVersionsAsync(CancellationToken ct) =>
        (await SendAsync(HttpMethod.Get, "_matrix/client/versions", null, ClientJsonContext.Default.VersionsResponse, ct).ConfigureAwait(false)).Versions;

    /// <summary>Who the token (or the asserted user) is.</summary>
    public async Task<UserId> WhoAmIAsync(UserId? asUser, CancellationToken ct) =>
        UserId.Parse((await SendAsync(HttpMethod.Get, V3 + "account/whoami", asUser, ClientJsonContext.Default.WhoAmIResponse, ct).ConfigureAwait(false)).UserId);

    /// <summary>
    /// Registers a user in the appservice's namespace (<c>m.login.application_service</c>). Returns false when the
    /// user already existed (<c>M_USER_IN_USE</c>), which callers treat as success.
    /// </summary>
    public async Task<bool> RegisterAppServiceUserAsync(string localpart, CancellationToken ct)
    {
        try
        {
            await SendAsync(HttpMethod.Post, V3 + "register", null, new RegisterRequest("m.login.application_service", localpart, InhibitLogin: true),
                ClientJsonContext.Default.RegisterRequest, ClientJsonContext.Default.JsonElement, ct).ConfigureAwait(false);
            return true;
        }
        catch (MatrixException e) when (e.Errcode == MatrixErrorCodes.UserInUse)
        {
            return false;
        }
    }

    /// <summary>
    /// Logs a namespaced user in with <c>m.login.application_service</c> and returns its own access token,
    /// used for test users and for double puppeting with the appservice method.
    /// </summary>
    public async Task<(UserId UserId, string AccessToken)> LoginAppServiceUserAsync(UserId userId, string? deviceName, CancellationToken ct)
    {
        var response = await SendAsync(HttpMethod.Post, V3 + "login", null,
            new LoginRequest("m.login.application_service", new LoginIdentifier("m.id.user", userId.Value), null, deviceName),
            ClientJsonContext.Default.LoginRequest, ClientJsonContext.Default.LoginResponse, ct).ConfigureAwait(false);
        return (UserId.Parse(response.UserId), response.AccessToken);
    }

    /// <summary>Sets a user's display name.</summary>
    public Task SetDisplayNameAsync(UserId user, string? displayName, UserId? asUser, CancellationToken ct) =>
        SendAsync(HttpMethod.Put, $"{V3}profile/{Esc(user.Value)}/displayname", asUser, new DisplayNameRequest(displayName),
            ClientJsonContext.Default.DisplayNameRequest, ClientJsonContext.Default.JsonElement, ct);

    /// <summary>Sets a user's avatar.</summary>
    public Task SetAvatarUrlAsync(UserId user, MxcUri? avatar, UserId? asUser, CancellationToken ct) =>
        SendAsync(HttpMethod.Put, $"{V3}profile/{Esc(user.Value)}/avatar_url", asUser, new AvatarUrlRequest(avatar?.Value ?? string.Empty),
            ClientJsonContext.Default.AvatarUrlRequest, ClientJsonContext.Default.JsonElement, ct);

    /// <summary>A user's global profile.</summary>
    public Task<Profile> GetProfileAsync(UserId user, UserId? asUser, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, $"{V3}profile/{Esc(user.Value)}", asUser, ClientJsonContext.Default.Profile, ct);

    /// <summary>
    /// Asks the homeserver to ping this appservice (<c>POST /_matrix/client/v1/appservice/{id}/ping</c>) and returns the round trip.
    /// </summary>
    public async Task<TimeSpan> PingAppServiceAsync(string appServiceId, string? transactionId, CancellationToken ct)
    {
        var response = await SendAsync(HttpMethod.Post, $"_matrix/client/v1/appservice/{Esc(appServiceId)}/ping", null, new PingRequest(transactionId),
            ClientJsonContext.Default.PingRequest, ClientJsonContext.Default.PingResponse, ct).ConfigureAwait(false);
        return TimeSpan.FromMilliseconds(response.DurationMs);
    }

    private static string Esc(string segment) => Uri.EscapeDataString(segment);
}
