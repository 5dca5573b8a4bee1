using Bridges.Core.Logins;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Bridges.Core.Security;
using Microsoft.Extensions.Logging;
using UserId = Bridges.Matrix.Ids.UserId;

namespace Bridges.Discord.Bridge;

/// <summary>
/// The Discord plugin: the configured bot is the relay in every guild it is in. Discord users appear as ghosts;
/// Matrix users' messages go out through a webhook per channel under their own name and avatar
/// (<see cref="NetworkCapabilities.NativeRelayProfiles"/>). Puppeting a Discord user account is against Discord's
/// terms, so there are no user logins.
/// </summary>
internal sealed class DiscordConnector : INetworkConnector, IRelayProvider
{
    private INetworkHost? _host;

    public DiscordConnector(DiscordOptions options, ILoggerFactory loggers)
    {
        // The options were validated at start (DiscordOptionsValidator and the annotations on DiscordOptions).
        Options = options;
        Loggers = loggers;
        Token = new Secret(options.BotToken ?? string.Empty);
        var botId = DiscordIds.BotIdOfToken(options.BotToken ?? string.Empty) ?? "0";
        // The core replaces the Matrix user id with the bridge bot's.
        RelayLogin = new UserLogin(DiscordIds.BotLogin(botId), UserId.Create("discordbot", "invalid"), "Discord bot");
    }

    public NetworkDescriptor Descriptor { get; } = new() { Id = "discord", DisplayName = "Discord" };

    /// <summary>Messages are 2000 characters (the core splits longer ones); uploads are limited per guild (<see cref="IChatCapabilities"/>).</summary>
    public NetworkCapabilities Capabilities { get; } = CapabilitiesWith(DiscordRelayClient.UploadLimit(0));

    public static NetworkCapabilities CapabilitiesWith(long maxUpload) => new()
    {
        MaxTextLength = DiscordMarkdown.MaxContentLength,
        Formatting = true,
        NativeRelayProfiles = true,
        Threads = true,
        Replies = true,
        Media = true,
        MaxMediaBytes = maxUpload,
        Edits = true,
        Redactions = true,
        Reactions = true,
        RelayedReactions = true,
        RelayedTyping = true,
        Typing = true,
        ReadReceipts = false,
    };

    public IReadOnlyList<LoginFlow> LoginFlows { get; } = [];

    public UserLogin RelayLogin { get; }

    public IReadOnlyList<UserLogin> RelayLogins => [RelayLogin];

    public UserLoginId? RelayLoginFor(PortalKey portal) => RelayLogin.Id;

    public DiscordOptions Options { get; }

    public Secret Token { get; }

    public ILoggerFactory Loggers { get; }

    public INetworkHost Host => _host ?? throw new InvalidOperationException("The Discord connector was not started.");

    public Task StartAsync(INetworkHost host, CancellationToken ct)
    {
        _host = host;
        return Task.CompletedTask;
    }

    public Task<INetworkClient> LoadLoginAsync(UserLogin login, CancellationToken ct) => login.Id == RelayLogin.Id
        ? Task.FromResult<INetworkClient>(new DiscordRelayClient(this, login))
        : throw new InvalidOperationException($"{login.Id} is not the Discord bot's login; the Discord bridge has no user logins.");

    public Task<ILoginProcess> BeginLoginAsync(BridgeUser user, string flowId, CancellationToken ct) =>
        throw new NotSupportedException("Discord user accounts cannot be puppeted (self-bots break Discord's terms); Matrix users are relayed through the bot.");
}
