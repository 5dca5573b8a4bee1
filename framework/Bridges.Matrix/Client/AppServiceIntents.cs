using System.Collections.Concurrent;
using Bridges.Matrix.Events;
using Bridges.Matrix.Ids;
using Bridges.Matrix.Registration;
using Microsoft.Extensions.Logging;

namespace Bridges.Matrix.Client;

/// <summary>
/// Hands out one <see cref="Intent"/> per user id the appservice controls, all sharing one client with the
/// appservice token, plus intents for real users who gave the bridge their own token (double puppeting).
/// </summary>
public sealed class AppServiceIntents
{
    private readonly ConcurrentDictionary<UserId, Intent> _intents = new();
    private readonly ConcurrentDictionary<(UserId, string), Intent> _doublePuppets = new();
    private readonly ILoggerFactory _loggers;
    private readonly Func<string, MatrixClient> _clientForToken;

    /// <param name="registration">The registration whose as_token the client uses.</param>
    /// <param name="serverName">The homeserver's server name (the part after <c>:</c> in user ids).</param>
    /// <param name="clientForToken">Builds a client for an access token (the as_token, or a double-puppet token).</param>
    /// <param name="loggers">Logger factory.</param>
    public AppServiceIntents(AppServiceRegistration registration, string serverName, Func<string, MatrixClient> clientForToken, ILoggerFactory loggers)
    {
        Registration = registration;
        ServerName = serverName;
        _clientForToken = clientForToken;
        _loggers = loggers;
        Client = clientForToken(registration.AsToken);
        BotUserId = registration.BotUserId(serverName);
        Bot = new Intent(BotUserId, Client, this, isBot: true, ownToken: false, loggers.CreateLogger<Intent>());
        _intents[BotUserId] = Bot;
    }

    /// <summary>The registration in use.</summary>
    public AppServiceRegistration Registration { get; }

    /// <summary>The homeserver's server name.</summary>
    public string ServerName { get; }

    /// <summary>The client with the appservice token.</summary>
    public MatrixClient Client { get; }

    /// <summary>The bot's user id.</summary>
    public UserId BotUserId { get; }

    /// <summary>The bot's intent.</summary>
    public Intent Bot { get; }

    /// <summary>The intent for a user in the appservice's namespaces.</summary>
    /// <exception cref="ArgumentException">The user is outside every user namespace.</exception>
    public Intent Get(UserId userId)
    {
        if (_intents.TryGetValue(userId, out var intent))
        {
            return intent;
        }

        if (!Registration.IsInUserNamespace(userId, ServerName))
        {
            throw new ArgumentException($"{userId} is not in the appservice's user namespaces.", nameof(userId));
        }

        return _intents.GetOrAdd(userId, id => new Intent(id, Client, this, isBot: false, ownToken: false, _loggers.CreateLogger<Intent>()));
    }

    /// <summary>An intent acting with a user's own access token (double puppeting with a login token).</summary>
    public Intent WithToken(UserId userId, string accessToken) =>
        new(userId, _clientForToken(accessToken), this, isBot: false, ownToken: true, _loggers.CreateLogger<Intent>());

    /// <summary>
    /// An intent for a real user through another appservice token whose non-exclusive namespace covers them
    /// (double puppeting with the appservice method). Cached per user and token.
    /// </summary>
    public Intent AsRealUser(UserId userId, string asToken) =>
        _doublePuppets.GetOrAdd((userId, asToken), key => new Intent(key.Item1, asToken == Registration.AsToken ? Client : _clientForToken(asToken), this,
            isBot: false, ownToken: false, _loggers.CreateLogger<Intent>(), exists: true));

    /// <summary>Updates join caches from a membership event seen in a transaction.</summary>
    public void ObserveMembership(MatrixEvent evt)
    {
        if (evt.Type != EventTypes.Member || !UserId.TryParse(evt.StateKey, out var target))
        {
            return;
        }

        var membership = evt.ContentAs(MatrixJsonContext.Default.MemberContent)?.Membership;
        if (membership is null)
        {
            return;
        }

        if (_intents.TryGetValue(target, out var intent))
        {
            intent.ObserveMembership(evt.RoomId, membership);
        }

        foreach (var ((user, _), puppet) in _doublePuppets)
        {
            if (user == target)
            {
                puppet.ObserveMembership(evt.RoomId, membership);
            }
        }
    }
}
