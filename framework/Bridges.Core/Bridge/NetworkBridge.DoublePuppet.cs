using Bridges.Core.Network;
using Bridges.Matrix.Client;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Bridge;

public sealed partial class NetworkBridge
{
    private const string OptOutKeyPrefix = "double-puppet-off:";

    /// <summary>The real user's intent for an event they sent from another client, or null to use their ghost.</summary>
    internal async Task<Intent?> DoublePuppetForAsync(EventSender sender, CancellationToken ct)
    {
        if (!sender.IsFromMe || sender.Login is not { } loginId || LoginFor(loginId) is not { } login || login.UserId == Intents.BotUserId)
        {
            return null;
        }

        var user = login.UserId;
        if (RealUserIntent(user) is not { } intent)
        {
            return null;
        }

        if (Options.DoublePuppet.AllowOptOut && await Stores.KeyValues.GetAsync(OptOutKeyPrefix + user.Value, ct).ConfigureAwait(false) is not null)
        {
            return null;
        }

        return intent;
    }

    /// <summary>The real user's own intent where their server's double-puppet secret is an appservice token, else null.</summary>
    internal Intent? RealUserIntent(UserId user) =>
        Options.DoublePuppet.Servers.TryGetValue(user.Server, out var secret) && secret.StartsWith("as_token:", StringComparison.Ordinal)
            ? Intents.AsRealUser(user, secret["as_token:".Length..])
            : null;

    /// <summary>Turns double puppeting off (or back on) for a user.</summary>
    internal Task SetDoublePuppetOptOutAsync(UserId user, bool optOut, CancellationToken ct) =>
        Stores.KeyValues.SetAsync(OptOutKeyPrefix + user.Value, optOut ? "1" : null, ct);
}
