using Bridges.Core.Logins;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;

namespace Bridges.Loopback;

/// <summary>One login's connection to the loopback network, implementing every optional capability (backfill included).</summary>
internal sealed partial class LoopbackClient(LoopbackNetwork network, LoopbackSession session, UserLogin login, bool isRelay)
    : INetworkClient, IEditSender, IRedactionSender, IReactionSender, ITypingSender, IReadReceiptSender, IIdentifierResolver, IChatCapabilities, IBackfiller
{
    public NetworkCapabilities CapabilitiesFor(PortalKey portal) =>
        network.ChatCapabilities.TryGetValue(portal.Id.Value, out var chat) ? chat : network.Capabilities;

    private readonly CancellationTokenSource _connection = new();

    /// <summary>The remote account: the login id is the username.</summary>
    public string Account => login.Id.Value;

    public UserLoginId LoginId => login.Id;

    public bool IsRelay => isRelay;

    /// <summary>Cancelled when the connection is closed or dropped.</summary>
    public CancellationToken Connection => _connection.Token;

    public Task ConnectAsync(CancellationToken ct)
    {
        if (!network.HasAccount(Account))
        {
            throw new RemotePermanentException($"The loopback network has no account '{Account}'.");
        }

        session.Attach(this);
        return Task.CompletedTask;
    }

    public Task DisconnectAsync(CancellationToken ct) => CloseAsync();

    public async ValueTask DisposeAsync() => await CloseAsync().ConfigureAwait(false);

    public bool IsThisUser(RemoteUserId user) => user.Value == Account;

    public Task<ChatInfo> GetChatInfoAsync(PortalKey portal, CancellationToken ct) => Task.FromResult(network.ChatInfoFor(portal.Id.Value, Account));

    public Task<UserInfo> GetUserInfoAsync(RemoteUserId user, CancellationToken ct) => Task.FromResult(network.UserInfoFor(user));

    public Task<SendResult> SendMessageAsync(OutgoingMessage message, CancellationToken ct)
    {
        var (id, at) = network.AcceptMessage(this, message);
        return network.HangAfterAccept ? HangAsync(ct) : Task.FromResult(new SendResult(id, at));
    }

    public Task SendEditAsync(OutgoingEdit edit, CancellationToken ct)
    {
        network.Record(new LoopbackSent(LoopbackSentKind.Edit, edit.Portal.Id.Value, Account)
        {
            MessageId = edit.TargetId, Text = edit.NewContent.Text, Content = edit.NewContent, MatrixSender = edit.Sender.UserId,
        });
        return Task.CompletedTask;
    }

    public Task SendRedactionAsync(OutgoingRedaction redaction, CancellationToken ct)
    {
        network.Record(new LoopbackSent(LoopbackSentKind.Redaction, redaction.Portal.Id.Value, Account) { MessageId = redaction.TargetId, MatrixSender = redaction.Sender.UserId });
        return Task.CompletedTask;
    }

    public Task<RemoteReactionId?> SendReactionAsync(OutgoingReaction reaction, CancellationToken ct)
    {
        var id = new RemoteReactionId($"{reaction.TargetId.Value}/{Account}/{reaction.Key}");
        network.Record(new LoopbackSent(LoopbackSentKind.Reaction, reaction.Portal.Id.Value, Account)
        {
            MessageId = reaction.TargetId, Emoji = reaction.Key, ReactionId = id, MatrixSender = reaction.Sender.UserId,
        });
        return Task.FromResult<RemoteReactionId?>(id);
    }

    public Task RemoveReactionAsync(OutgoingReactionRemoval removal, CancellationToken ct)
    {
        network.Record(new LoopbackSent(LoopbackSentKind.ReactionRemoval, removal.Portal.Id.Value, Account)
        {
            MessageId = removal.TargetId, Emoji = removal.Key, ReactionId = removal.ReactionId, MatrixSender = removal.Sender.UserId,
        });
        return Task.CompletedTask;
    }

    public Task SendTypingAsync(PortalKey portal, bool typing, CancellationToken ct)
    {
        network.Record(new LoopbackSent(LoopbackSentKind.Typing, portal.Id.Value, Account) { Typing = typing });
        return Task.CompletedTask;
    }

    public Task SendReadReceiptAsync(PortalKey portal, RemoteMessageId upTo, CancellationToken ct)
    {
        network.Record(new LoopbackSent(LoopbackSentKind.ReadReceipt, portal.Id.Value, Account) { MessageId = upTo });
        return Task.CompletedTask;
    }

    public Task<PortalKey?> ResolveIdentifierAsync(string identifier, CancellationToken ct)
    {
        var id = identifier.TrimStart('#');
        return Task.FromResult<PortalKey?>(network.HasChat(id) ? new PortalKey(new PortalId(id)) : null);
    }

    public Task<IReadOnlyList<RemoteMessage>?> FetchMessagesAsync(BackfillRequest request, CancellationToken ct) =>
        Task.FromResult(network.FetchHistory(this, request));

    private async Task CloseAsync()
    {
        session.Detach(this);
        await _connection.CancelAsync().ConfigureAwait(false);
    }
}
