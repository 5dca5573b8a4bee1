using Bridges.Matrix.Client;
using Bridges.Matrix.Ids;

namespace Bridges.Testing;

public sealed partial class MatrixTestUser
{
    /// <summary>
    /// Creates a human test user in the non-exclusive <c>e2e_</c> namespace through an appservice's own client and
    /// logs it in with <c>m.login.application_service</c>, which works on any homeserver. The registration must hold
    /// <see cref="TestEnvironment.TestUserRegex"/>. For a bridge embedded in a host of one's own, pass
    /// <c>app.Bridges[0].Bridge.Intents.Client</c>.
    /// </summary>
    /// <param name="appService">A client with the appservice's as_token.</param>
    /// <param name="homeserverUrl">The homeserver the user syncs with.</param>
    /// <param name="serverName">The server name of user ids.</param>
    /// <param name="name">Part of the localpart, for readable logs; a random suffix keeps users apart.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<MatrixTestUser> CreateAsync(MatrixClient appService, Uri homeserverUrl, string serverName, string name, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(appService);
        var localpart = $"{TestEnvironment.TestUserPrefix}{name}_{Guid.NewGuid().ToString("N")[..8]}";
        await appService.RegisterAppServiceUserAsync(localpart, ct).ConfigureAwait(false);
        var (userId, token) = await appService.LoginAppServiceUserAsync(UserId.Create(localpart, serverName), "bridges-tests", ct).ConfigureAwait(false);
        return new MatrixTestUser(userId, homeserverUrl, token);
    }
}
