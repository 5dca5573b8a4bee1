using Bridges.Core.Commands;
using Bridges.Core.Network;
using Microsoft.Extensions.Logging;

namespace Bridges.Core.Bridge;

/// <summary>What a plugin sees of its bridge.</summary>
internal sealed class NetworkHost(NetworkBridge bridge) : INetworkHost, IUserNotices
{
    public IRemoteEventSink Events => bridge;

    public ICommandRegistry Commands => bridge.Commands;

    public IPluginKeyValueStore Store => bridge.Stores.KeyValues;

    private MessageMap? _messages;

    public IMessageMap Messages => _messages ??= new MessageMap(bridge.Stores.Messages);

    public ILoggerFactory LoggerFactory => bridge.LoggerFactory;

    public IMediaLinks Media => bridge.Media;

    public IWebhooks Webhooks => bridge.Webhooks;

    public TimeProvider Time => bridge.Time;

    public Task NotifyAsync(Bridges.Matrix.Ids.UserId user, string text, CancellationToken ct) => bridge.NotifyUserAsync(user, text, ct);
}
