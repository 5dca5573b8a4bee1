using Bridges.Core.Commands;
using Bridges.Core.Network;
using Bridges.Core.Webhooks;
using Microsoft.Extensions.Logging;

namespace Bridges.Core.Bridge;

/// <summary>What a plugin sees of its bridge.</summary>
internal sealed class NetworkHost(BridgeContext env, IRemoteEventSink events, ICommandRegistry commands, IMediaLinks media, WebhookRegistry webhooks, UserNotices notices)
    : INetworkHost, IUserNotices
{
    private MessageMap? _messages;

    public IRemoteEventSink Events => events;

    public ICommandRegistry Commands => commands;

    public IPluginKeyValueStore Store => env.Stores.KeyValues;

    public IMessageMap Messages => _messages ??= new MessageMap(env.Stores.Messages);

    public ILoggerFactory LoggerFactory => env.LoggerFactory;

    public IMediaLinks Media => media;

    public IWebhooks Webhooks => webhooks;

    public TimeProvider Time => env.Time;

    public Task NotifyAsync(Bridges.Matrix.Ids.UserId user, string text, CancellationToken ct) => notices.NotifyAsync(user, text, ct);
}
