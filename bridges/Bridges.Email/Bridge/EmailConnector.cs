using Bridges.Core.Logins;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Bridges.Core.Security;
using Microsoft.Extensions.Logging;
using UserId = Bridges.Matrix.Ids.UserId;

namespace Bridges.Email.Bridge;

/// <summary>
/// The email plugin. Users log in with their own mailbox (personal puppeting: each mail thread becomes one of their
/// portals, and they answer as themselves); each configured shared mailbox is a relay login whose one portal holds
/// every mail to it, and whose room's Matrix users are relayed from its address.
/// </summary>
internal sealed class EmailConnector : INetworkConnector, IRelayProvider, IPortalCreationCheck
{
    public const string PasswordFlow = "password";
    private readonly Dictionary<UserLoginId, (string Name, EmailAccount Account)> _shared = [];
    private INetworkHost? _host;

    public EmailConnector(EmailOptions options, ILoggerFactory loggers, long maxMediaBytes = 50L * 1024 * 1024)
    {
        // The options were validated at start (EmailOptionsValidator and the annotations on EmailOptions).
        Options = options;
        Loggers = loggers;
        MaxAttachmentBytes = Math.Min(options.MaxAttachmentBytes, maxMediaBytes);
        Capabilities = new()
        {
            MaxTextLength = 0, Formatting = true, Threads = false, Replies = true, Media = true, MaxMediaBytes = MaxAttachmentBytes,
            Edits = false, Redactions = false, Reactions = false, Typing = false, ReadReceipts = false,
        };
        Passwords = string.IsNullOrWhiteSpace(options.LoginKey) ? null : new SecretBox(new Secret(options.LoginKey), "bridges-email-passwords");
        var relays = new List<UserLogin>();
        foreach (var (name, mailbox) in options.SharedMailboxes.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            var account = EmailAccount.FromOptions(mailbox);
            // The core replaces the Matrix user id with the bridge bot's.
            var login = new UserLogin(EmailIds.MailboxLogin(name), UserId.Create("emailbot", "invalid"), account.Address);
            _shared[login.Id] = (name, account);
            relays.Add(login);
        }

        RelayLogins = relays;
        LoginFlows = Passwords is null ? [] : [new(PasswordFlow, "Mailbox", "Log in with your mailbox's IMAP and SMTP servers and password.")];
    }

    public NetworkDescriptor Descriptor { get; } = new() { Id = "email", DisplayName = "Email" };

    /// <summary>Mail carries HTML, replies (In-Reply-To) and files; nothing can be edited, deleted or reacted to once sent.</summary>
    public NetworkCapabilities Capabilities { get; }

    public IReadOnlyList<LoginFlow> LoginFlows { get; }

    public IReadOnlyList<UserLogin> RelayLogins { get; }

    public EmailOptions Options { get; }

    public ILoggerFactory Loggers { get; }

    /// <summary>The largest attachment either way: the smaller of max_attachment_bytes and the bridge's max_media_bytes.</summary>
    public long MaxAttachmentBytes { get; }

    /// <summary>Seals login passwords at rest; null when no login key is configured.</summary>
    public SecretBox? Passwords { get; }

    public INetworkHost Host => _host ?? throw new InvalidOperationException("The email connector was not started.");

    public UserLoginId? RelayLoginFor(PortalKey portal) =>
        EmailIds.MailboxOf(portal) is { } name && _shared.ContainsKey(EmailIds.MailboxLogin(name)) ? EmailIds.MailboxLogin(name) : null;

    /// <summary>Only a configured shared mailbox's portal may be created by joining its alias; thread portals come from mail.</summary>
    public Task<bool> MayCreatePortalAsync(PortalKey portal, CancellationToken ct) => Task.FromResult(RelayLoginFor(portal) is not null);

    public Task StartAsync(INetworkHost host, CancellationToken ct)
    {
        _host = host;
        return Task.CompletedTask;
    }

    public Task<INetworkClient> LoadLoginAsync(UserLogin login, CancellationToken ct)
    {
        if (_shared.TryGetValue(login.Id, out var shared))
        {
            return Task.FromResult<INetworkClient>(new EmailClient(this, login, shared.Account, shared.Name));
        }

        var account = EmailLoginProcess.AccountOf(login, Passwords)
            ?? throw new InvalidOperationException($"The password of {login.Id} cannot be opened (login_key missing or changed); log in again.");
        return Task.FromResult<INetworkClient>(new EmailClient(this, login, account, sharedMailbox: null));
    }

    public Task<ILoginProcess> BeginLoginAsync(BridgeUser user, string flowId, CancellationToken ct) => flowId == PasswordFlow && Passwords is not null
        ? Task.FromResult<ILoginProcess>(new EmailLoginProcess(this, user))
        : throw new NotSupportedException("Personal logins need bridges.email.login_key in the bridge's config.");
}
