using Bridges.Core.Content;
using Bridges.Core.Logins;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Bridges.Discord.Api;
using Bridges.Discord.Gateway;
using Microsoft.Extensions.Logging;

namespace Bridges.Discord.Bridge;

/// <summary>
/// The bot's connection: REST for reads and sends, the Gateway for what happens. Guilds are spaces, categories spaces
/// under them, text and forum channels portals (threads live inside their channel's portal). Matrix users' messages go
/// out through the channel's webhook with their name and avatar; the echo of our own webhook is not bridged back.
/// </summary>
internal sealed partial class DiscordRelayClient : INetworkClient, IEditSender, IRedactionSender, IReactionSender, ITypingSender, IChatCapabilities, IGatewayListener
{
    private readonly DiscordConnector _connector;
    private readonly UserLogin _login;
    private readonly ILogger _logger;
    private readonly DiscordRestClient _rest;
    private readonly HttpClient _cdn = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly DiscordCache _cache = new();
    private readonly DiscordWebhooks _webhooks;
    private DiscordGatewayClient? _gateway;
    private string? _botId;

    public DiscordRelayClient(DiscordConnector connector, UserLogin login)
    {
        _connector = connector;
        _login = login;
        _logger = connector.Loggers.CreateLogger<DiscordRelayClient>();
        _rest = new DiscordRestClient(new Uri(connector.Options.ApiBaseUrl), connector.Token, Host.Time, _logger);
        _webhooks = new DiscordWebhooks(_rest, Host.Store, connector.Options.WebhookName, _logger);
    }

    private INetworkHost Host => _connector.Host;

    /// <summary>The REST client, for tests of the client layer through the bridge's own wiring.</summary>
    internal IDiscordRestClient Rest => _rest;

    internal DiscordGatewayClient? Gateway => _gateway;

    /// <summary>Uploads per guild boost tier (the docs: 10 MiB, 50 MiB at tier 2, 100 MiB at tier 3).</summary>
    public static long UploadLimit(int premiumTier) => premiumTier switch
    {
        2 => 50L << 20,
        3 => 100L << 20,
        _ => 10L << 20,
    };

    public async Task ConnectAsync(CancellationToken ct)
    {
        var me = await _rest.GetCurrentUserAsync(ct).ConfigureAwait(false);
        _botId = me.Id;
        var url = string.IsNullOrWhiteSpace(_connector.Options.GatewayUrl)
            ? (await _rest.GetGatewayBotAsync(ct).ConfigureAwait(false)).Url
            : _connector.Options.GatewayUrl;
        var settings = new GatewaySettings(_connector.Options.ReconnectDelay, _connector.Options.MaxReconnectDelay);
        _gateway = new DiscordGatewayClient(_connector.Token, GatewayIntents.Bridge, settings, Host.Time, _logger, this);
        await _gateway.ConnectAsync(new Uri(url), ct).ConfigureAwait(false);
    }

    public async Task DisconnectAsync(CancellationToken ct)
    {
        if (_gateway is { } gateway)
        {
            await gateway.DisconnectAsync(ct).ConfigureAwait(false);
        }
    }

    public bool IsThisUser(RemoteUserId user) => user.Value == _botId;

    public NetworkCapabilities CapabilitiesFor(PortalKey portal) =>
        _cache.Channels.TryGetValue(portal.Id.Value, out var channel) && channel.GuildId is { } guildId && _cache.Guilds.TryGetValue(guildId, out var guild)
            ? DiscordConnector.CapabilitiesWith(UploadLimit(guild.PremiumTier))
            : _connector.Capabilities;

    public async Task<ChatInfo> GetChatInfoAsync(PortalKey portal, CancellationToken ct)
    {
        var id = portal.Id.Value;
        if (_cache.Guilds.TryGetValue(id, out var guild))
        {
            // Asked for as the core makes the space: from now on guild changes go to it.
            await SetBridgedAsync(id, true, ct).ConfigureAwait(false);
            return GuildInfo(guild);
        }

        if (!_cache.Channels.TryGetValue(id, out var channel))
        {
            try
            {
                channel = await _rest.GetChannelAsync(id, ct).ConfigureAwait(false);
                _cache.Channels[id] = channel;
            }
            catch (DiscordApiException e)
            {
                Log.ChannelReadFailed(_logger, e, id);
                return new ChatInfo();
            }
        }

        await SetBridgedAsync(id, true, ct).ConfigureAwait(false);
        return ChannelInfo(channel) with { Members = channel.Type == DiscordChannel.Category ? null : MembersOf(channel) };
    }

    public Task<UserInfo> GetUserInfoAsync(RemoteUserId user, CancellationToken ct)
    {
        if (!_cache.Users.TryGetValue(user.Value, out var known))
        {
            return Task.FromResult(new UserInfo());
        }

        return Task.FromResult(new UserInfo
        {
            // Ghosts are network-wide, so the global name rather than one guild's nickname.
            DisplayName = string.IsNullOrEmpty(known.GlobalName) ? known.Username : known.GlobalName,
            AvatarId = known.Avatar,
            Avatar = known.Avatar is { } hash ? Cdn($"avatars/{known.Id}/{hash}.png", "image/png", "avatar.png") : null,
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_gateway is { } gateway)
        {
            await gateway.DisposeAsync().ConfigureAwait(false);
        }

        _rest.Dispose();
        _cdn.Dispose();
    }

    /// <summary>A file on Discord's CDN, fetched when the core uploads it.</summary>
    private MediaSource Cdn(string path, string mime, string name, long? size = null, string? absoluteUrl = null) => new()
    {
        MimeType = mime,
        FileName = name,
        Size = size,
        OpenAsync = async ct =>
        {
            var url = absoluteUrl ?? $"{_connector.Options.CdnBaseUrl.TrimEnd('/')}/{path}";
            var response = await _cdn.GetAsync(new Uri(url), HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                response.Dispose();
                throw new RemoteTransientException($"Discord's CDN answered {(int)response.StatusCode}");
            }

            return await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        },
    };
}
