using Bridges.Core.Logins;
using Bridges.Core.Network.Ids;

namespace Bridges.Loopback;

/// <summary>The <c>password</c> flow: username and password in one step; the login's id is the username.</summary>
internal sealed class LoopbackLoginProcess(LoopbackNetwork network, BridgeUser user) : ILoginProcess
{
    private static readonly LoginField[] Fields = [new("username", "Username"), new("password", "Password", IsSecret: true)];

    public Task<LoginStep> StartAsync(CancellationToken ct) =>
        Task.FromResult<LoginStep>(new LoginStep.UserInput("Log in to Loopback with your username and password.", Fields));

    public Task<LoginStep> SubmitAsync(IReadOnlyDictionary<string, string> input, CancellationToken ct)
    {
        var account = network.CheckPassword(input.GetValueOrDefault("username", string.Empty).Trim(), input.GetValueOrDefault("password", string.Empty));
        return Task.FromResult<LoginStep>(account is null
            ? new LoginStep.UserInput("Wrong username or password; try again.", Fields)
            : new LoginStep.Complete($"Welcome, {account.DisplayName}.", new UserLogin(new UserLoginId(account.Username), user.UserId, account.DisplayName)));
    }

    public Task CancelAsync(CancellationToken ct) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
