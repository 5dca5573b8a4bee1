using Bridges.Core.Logins;
using Bridges.Core.Network;
using Bridges.Matrix.Client;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Bridge;

/// <summary>
/// Double puppeting: what a user sent from another client of the network goes into Matrix as that real user (through
/// their server's appservice token), unless they opted out.
/// </summary>
internal sealed class DoublePuppeting(BridgeContext env, LoginRegistry logins)
{
    private const string OptOutKeyPrefix = "double-puppet-off:";

    /// <summary>The real user's intent for an event they sent from another client, or null to use their ghost.</summary>
    public async Task<Intent?> ForAsync(EventSender sender, CancellationToken ct)
    {
        if (!sender.IsFromMe || sender.Login is not { } loginId || logins.LoginFor(loginId) is not { } login || login.UserId == env.Intents.BotUserId)
        {
            return null;
        }

        var user = login.UserId;
        if (RealUserIntent(user) is not { } intent)
        {
            return null;
        }

        if (env.Options.DoublePuppet.AllowOptOut && await env.Stores.KeyValues.GetAsync(OptOutKeyPrefix + user.Value, ct).ConfigureAwait(false) is not null)
        {
            return null;
        }

        return intent;
    }

    /// <summary>The real user's own intent where their server's double-puppet secret is an appservice token, else null.</summary>
    public Intent? RealUserIntent(UserId user) =>
        env.Options.DoublePuppet.Servers.TryGetValue(user.Server, out var secret) && secret.StartsWith("as_token:", StringComparison.Ordinal)
            ? env.Intents.AsRealUser(user, secret["as_token:".Length..])
            : null;

    /// <summary>Turns double puppeting off (or back on) for a user.</summary>
    public Task SetOptOutAsync(UserId user, bool optOut, CancellationToken ct) =>
        env.Stores.KeyValues.SetAsync(OptOutKeyPrefix + user.Value, optOut ? "1" : null, ct);
}
