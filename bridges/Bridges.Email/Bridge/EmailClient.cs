using System.Collections.Concurrent;
using Bridges.Core.Content;
using Bridges.Core.Logins;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Microsoft.Extensions.Logging;

namespace Bridges.Email.Bridge;

/// <summary>
/// One mailbox: a user's login (each thread is one of their portals, and they write as themselves) or a shared
/// mailbox (one portal for all its mail, Matrix users relayed from its address). Reads INBOX with IDLE (see
/// <c>EmailClient.Inbox.cs</c>) and sends by SMTP (<c>EmailClient.Send.cs</c>).
/// </summary>
internal sealed partial class EmailClient : INetworkClient, IPortalScope, IIdentifierResolver, IDeliveryProbe
{
    private readonly EmailConnector _connector;
    private readonly UserLogin _login;
    private readonly EmailAccount _account;
    private readonly string? _shared;
    private readonly ILogger _logger;
    private readonly MailThreads _threads;
    private readonly ConcurrentDictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (PortalKey Portal, string EchoToken)> _sending = new(StringComparer.Ordinal);
    private CancellationTokenSource? _stop;
    private Task? _reading;

    public EmailClient(EmailConnector connector, UserLogin login, EmailAccount account, string? sharedMailbox)
    {
        _connector = connector;
        _login = login;
        _account = account;
        _shared = sharedMailbox;
        _logger = connector.Loggers.CreateLogger<EmailClient>();
        _threads = new MailThreads(connector.Host.Store, login.Id);
    }

    private INetworkHost Host => _connector.Host;

    private RemoteUserId Self => EmailIds.User(_account.Address);

    public Task ConnectAsync(CancellationToken ct)
    {
        // The reader connects (and reconnects) on its own, so a mail server that is down at start delays mail, not the bridge.
        _stop = new CancellationTokenSource();
        _reading = Task.Run(() => ReadAsync(_stop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task DisconnectAsync(CancellationToken ct)
    {
        if (_stop is null || _reading is null)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _reading.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped mid-mail: the stored cursor still names the last mail bridged.
        }
    }

    public bool IsThisUser(RemoteUserId user) => user == Self;

    /// <summary>A user's login serves their own thread portals; a shared mailbox only its one portal.</summary>
    public bool Serves(PortalKey portal) => _shared is null ? portal.Receiver == _login.Id : EmailIds.MailboxOf(portal) == _shared;

    /// <summary>
    /// A shared mailbox by its name or address, so an admin can bridge an existing room to it (<c>bridge support</c>).
    /// A user's login resolves nothing: threads start from mail, not from Matrix.
    /// </summary>
    public Task<PortalKey?> ResolveIdentifierAsync(string identifier, CancellationToken ct)
    {
        var wanted = identifier.Trim();
        var matches = _shared is not null && (wanted == _shared || wanted == EmailIds.MailboxPortal(_shared).Value
            || wanted.Equals(_account.Address, StringComparison.OrdinalIgnoreCase));
        return Task.FromResult(matches ? new PortalKey(EmailIds.MailboxPortal(_shared!)) : (PortalKey?)null);
    }

    public async Task<ChatInfo> GetChatInfoAsync(PortalKey portal, CancellationToken ct)
    {
        if (_shared is not null)
        {
            return new ChatInfo { Name = _account.DisplayName ?? _account.Address, Topic = "Mail to " + _account.Address };
        }

        var last = await _threads.LastAsync(portal, ct).ConfigureAwait(false);
        if (last is null)
        {
            return new ChatInfo();
        }

        var others = last.Participants.Where(p => p != Self.Value).ToList();
        return new ChatInfo
        {
            Name = NetworkHeaders.SafeLine(StripReply(last.Subject)) ?? "(no subject)",
            Topic = "Mail with " + string.Join(", ", others),
            Members = [.. others.Select(p => new ChatMember(new RemoteUserId(p))), new ChatMember(Self, IsFromMe: true)],
        };
    }

    public Task<UserInfo> GetUserInfoAsync(RemoteUserId user, CancellationToken ct) =>
        Task.FromResult(new UserInfo { DisplayName = _names.TryGetValue(user.Value, out var name) ? name : user.Value });

    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync(CancellationToken.None).ConfigureAwait(false);
        _stop?.Dispose();
    }

    /// <summary>A subject without its answer and forward prefixes ("Re: Fwd: Re: x" is "x").</summary>
    internal static string StripReply(string subject)
    {
        var s = subject.Trim();
        while (true)
        {
            var colon = s.IndexOf(':', StringComparison.Ordinal);
            if (colon is < 2 or > 4 || s[..colon].ToLowerInvariant() is not ("re" or "aw" or "fw" or "fwd" or "sv" or "wg"))
            {
                return s;
            }

            s = s[(colon + 1)..].TrimStart();
        }
    }
}
