using Bridges.Core.Content;
using Bridges.Core.Logins;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;

namespace Bridges.Echo;

/// <summary>Answers each message with "echo: …" from the remote user <c>echo</c>, as a network would, asynchronously.</summary>
internal sealed class EchoClient(INetworkHost host, UserLogin login) : INetworkClient
{
    /// <summary>The remote user who answers.</summary>
    public static readonly RemoteUserId Echoer = new("echo");

    private readonly CancellationTokenSource _stop = new();

    public Task ConnectAsync(CancellationToken ct) => Task.CompletedTask;

    public Task DisconnectAsync(CancellationToken ct) => _stop.CancelAsync();

    public bool IsThisUser(RemoteUserId user) => false;

    public Task<ChatInfo> GetChatInfoAsync(PortalKey portal, CancellationToken ct) =>
        Task.FromResult(new ChatInfo { Name = $"Echo {portal.Id.Value}", Topic = "Everything you say comes back.", Members = [new ChatMember(Echoer)] });

    public Task<UserInfo> GetUserInfoAsync(RemoteUserId user, CancellationToken ct) =>
        Task.FromResult(new UserInfo { DisplayName = user == Echoer ? "Echo" : user.Value });

    public async Task<SendResult> SendMessageAsync(OutgoingMessage message, CancellationToken ct)
    {
        var id = new RemoteMessageId($"{login.Id.Value}-{message.EchoToken}");
        var reply = new RemoteMessage(message.Portal, new EventSender(Echoer, Login: login.Id), host.Time.GetUtcNow(),
            new RemoteMessageId($"echo-{message.EchoToken}"), BridgedContent.FromText("echo: " + message.Content.Text) with { ReplyTo = id });
        // Pushed from inside the send: it is queued behind this send on the portal and bridged once the send is done.
        await host.Events.PushAsync(reply, ct).ConfigureAwait(false);
        return new SendResult(id, host.Time.GetUtcNow());
    }

    public ValueTask DisposeAsync()
    {
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
