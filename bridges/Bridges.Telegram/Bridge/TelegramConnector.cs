using Bridges.Core.Logins;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Bridges.Core.Security;
using Microsoft.Extensions.Logging;
using UserId = Bridges.Matrix.Ids.UserId;

namespace Bridges.Telegram.Bridge;

/// <summary>
/// The Telegram plugin: the configured bot is the built-in relay. Puppeting a Telegram account needs MTProto, which
/// this bridge does not speak, so every Matrix user is relayed through the bot.
/// </summary>
internal sealed class TelegramConnector : INetworkConnector, IBuiltInRelay
{
    private INetworkHost? _host;

    public TelegramConnector(TelegramOptions options, ILoggerFactory loggers)
    {
        if (string.IsNullOrWhiteSpace(options.BotToken))
        {
            throw new InvalidOperationException("Invalid Telegram configuration: bridges.telegram.bot_token is required.");
        }

        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out _))
        {
            throw new InvalidOperationException("Invalid Telegram configuration: bridges.telegram.api_base_url must be an absolute URL.");
        }

        if (options.PollingTimeout is < 0 or > 50)
        {
            throw new InvalidOperationException("Invalid Telegram configuration: bridges.telegram.polling_timeout must be between 0 and 50 seconds.");
        }

        Options = options;
        Token = new Secret(options.BotToken);
        Loggers = loggers;
        // The bot id is the token's part before the colon; the core replaces the Matrix user id with the bridge bot's.
        var botId = options.BotToken.Split(':')[0];
        RelayLogin = new UserLogin(new UserLoginId("bot-" + botId), UserId.Create("telegrambot", "invalid"), "Telegram bot");
    }

    public NetworkDescriptor Descriptor { get; } = new() { Id = "telegram", DisplayName = "Telegram" };

    /// <summary>No length limit for the core: the client splits texts at Telegram's 4096 characters. Bots upload files up to 50 MB.</summary>
    public NetworkCapabilities Capabilities { get; } = new() { MaxTextLength = 0, Formatting = true, Threads = true, Media = true, MaxMediaBytes = 50L * 1024 * 1024 };

    public IReadOnlyList<LoginFlow> LoginFlows { get; } = [];

    public UserLogin RelayLogin { get; }

    public TelegramOptions Options { get; }

    public Secret Token { get; }

    public ILoggerFactory Loggers { get; }

    public INetworkHost Host => _host ?? throw new InvalidOperationException("The Telegram connector was not started.");

    public Task StartAsync(INetworkHost host, CancellationToken ct)
    {
        _host = host;
        return Task.CompletedTask;
    }

    public Task<INetworkClient> LoadLoginAsync(UserLogin login, CancellationToken ct) =>
        Task.FromResult<INetworkClient>(new TelegramRelayClient(this, login));

    public Task<ILoginProcess> BeginLoginAsync(BridgeUser user, string flowId, CancellationToken ct) =>
        throw new NotSupportedException("Logging in as a Telegram user needs MTProto; this bridge relays through its bot.");
}
