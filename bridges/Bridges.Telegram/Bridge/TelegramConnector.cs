using Bridges.Core.Logins;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Bridges.Core.Security;
using Microsoft.Extensions.Logging;
using UserId = Bridges.Matrix.Ids.UserId;

namespace Bridges.Telegram.Bridge;

/// <summary>
/// The Telegram plugin: the configured bot is the built-in relay in every group it is in; users may link bots of
/// their own (personal bridging), whose chats become their own portals. Puppeting a Telegram account needs MTProto,
/// which this bridge does not speak.
/// </summary>
internal sealed class TelegramConnector : INetworkConnector, IRelayProvider
{
    public const string BotFlow = "bot";
    private INetworkHost? _host;

    /// <summary>The Bot API serves files up to 20 MB through getFile; larger ones cannot be downloaded by a bot.</summary>
    public const long MaxDownloadBytes = 20L * 1024 * 1024;

    public TelegramConnector(TelegramOptions options, ILoggerFactory loggers, long maxMediaBytes = 50L * 1024 * 1024)
    {
        // The options were validated at start (TelegramOptionsValidator and the annotations on TelegramOptions).
        Options = options;
        Loggers = loggers;
        MaxInboundMediaBytes = Math.Min(MaxDownloadBytes, maxMediaBytes);
        Tokens = string.IsNullOrWhiteSpace(options.LoginKey) ? null : new SecretBox(new Secret(options.LoginKey), "bridges-telegram-bot-tokens");
        if (!string.IsNullOrWhiteSpace(options.BotToken))
        {
            Token = new Secret(options.BotToken);
            // The core replaces the Matrix user id with the bridge bot's.
            var botId = TelegramIds.BotIdOf(options.BotToken) ?? throw new ArgumentException("bridges.telegram.bot_token must look like <bot id>:<secret>.", nameof(options));
            RelayLogin = new UserLogin(TelegramIds.BotLogin(botId), UserId.Create("telegrambot", "invalid"), "Telegram bot");
        }

        LoginFlows = Tokens is null ? [] : [new(BotFlow, "Personal bot", "Link a bot of your own (token from @BotFather): its chats become your portals.")];
    }

    public NetworkDescriptor Descriptor { get; } = new() { Id = "telegram", DisplayName = "Telegram" };

    /// <summary>No length limit for the core: the client splits texts at Telegram's 4096 characters. Bots upload files up to 50 MB.</summary>
    public NetworkCapabilities Capabilities { get; } = new() { MaxTextLength = 0, Formatting = true, Threads = true, Media = true, MaxMediaBytes = 50L * 1024 * 1024 };

    public IReadOnlyList<LoginFlow> LoginFlows { get; }

    /// <summary>The relay bot's login, when a bot token is configured.</summary>
    public UserLogin? RelayLogin { get; }

    public IReadOnlyList<UserLogin> RelayLogins => RelayLogin is { } relay ? [relay] : [];

    public UserLoginId? RelayLoginFor(PortalKey portal) => RelayLogin?.Id;

    public TelegramOptions Options { get; }

    /// <summary>The largest Telegram file bridged to Matrix: the smaller of getFile's limit and the bridge's max_media_bytes.</summary>
    public long MaxInboundMediaBytes { get; }

    /// <summary>The relay bot's token, when one is configured.</summary>
    public Secret? Token { get; }

    /// <summary>Seals personal bot tokens at rest; null when no login key is configured.</summary>
    public SecretBox? Tokens { get; }

    public ILoggerFactory Loggers { get; }

    public INetworkHost Host => _host ?? throw new InvalidOperationException("The Telegram connector was not started.");

    public Task StartAsync(INetworkHost host, CancellationToken ct)
    {
        _host = host;
        return Task.CompletedTask;
    }

    public Task<INetworkClient> LoadLoginAsync(UserLogin login, CancellationToken ct)
    {
        if (RelayLogin is { } relay && login.Id == relay.Id)
        {
            return Task.FromResult<INetworkClient>(new TelegramRelayClient(this, login, Token!, personal: false));
        }

        var token = Tokens?.Open(TelegramLoginProcess.SealedToken(login), TelegramLoginProcess.Associated(login))
            ?? throw new InvalidOperationException($"The token of {login.Id} cannot be opened (login_key missing or changed); link the bot again.");
        return Task.FromResult<INetworkClient>(new TelegramRelayClient(this, login, token, personal: true));
    }

    public Task<ILoginProcess> BeginLoginAsync(BridgeUser user, string flowId, CancellationToken ct) => flowId == BotFlow && Tokens is not null
        ? Task.FromResult<ILoginProcess>(new TelegramLoginProcess(this, user))
        : throw new NotSupportedException("Logging in as a Telegram user needs MTProto, which this bridge does not speak; link a personal bot with `login bot`.");
}
