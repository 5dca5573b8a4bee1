using Bridges.Core.Logins;

namespace Bridges.Irc.Bridge;

/// <summary>
/// The two login flows: <c>puppet</c> makes the user's puppet login at once (it otherwise appears when they first act
/// in a portal); <c>storepass</c> asks for a NickServ/SASL password as a secret field, which the core redacts from the
/// room, stores it encrypted and reconnects the puppet with it.
/// </summary>
internal sealed class IrcLoginProcess(IrcConnector connector, BridgeUser user, string flow) : ILoginProcess
{
    private const string NetworkField = "network";
    private const string PasswordField = "password";

    public Task<LoginStep> StartAsync(CancellationToken ct)
    {
        if (flow == IrcConnector.PuppetFlow)
        {
            return Task.FromResult<LoginStep>(new LoginStep.Complete("Your puppet connects when you speak in a portal or `join` a channel.", IrcConnector.PuppetLogin(user.UserId)));
        }

        if (flow != IrcConnector.PasswordFlow)
        {
            throw new InvalidOperationException($"Unknown login flow '{flow}'.");
        }

        if (!connector.Users.CanStorePasswords)
        {
            throw new InvalidOperationException("Storing passwords is off on this bridge (no password_key is configured).");
        }

        LoginField[] fields = connector.Networks.Count > 1
            ? [new(NetworkField, $"Network ({string.Join(", ", connector.Networks.Keys)})"), new(PasswordField, "Password", IsSecret: true)]
            : [new(PasswordField, "Password", IsSecret: true)];
        return Task.FromResult<LoginStep>(new LoginStep.UserInput("Your puppet will log in to NickServ (SASL) with this password; your message is deleted.", fields));
    }

    public async Task<LoginStep> SubmitAsync(IReadOnlyDictionary<string, string> input, CancellationToken ct)
    {
        var network = connector.Networks.Count == 1 ? connector.Networks.Values.First()
            : input.TryGetValue(NetworkField, out var id) && connector.Networks.TryGetValue(id.Trim(), out var named) ? named
            : throw new InvalidOperationException("Unknown network.");
        if (!input.TryGetValue(PasswordField, out var password) || password.Length == 0)
        {
            throw new InvalidOperationException("No password given.");
        }

        await IrcBridgeCommands.StorePasswordAsync(connector, user.UserId, network, password, ct).ConfigureAwait(false);
        return new LoginStep.Complete($"Password stored for {network.DisplayName}; your puppet reconnects with it.", IrcConnector.PuppetLogin(user.UserId));
    }

    public Task CancelAsync(CancellationToken ct) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
