using Bridges.Core.Commands;
using Microsoft.Extensions.Logging;

namespace Bridges.Core.Network;

/// <summary>What the core gives a plugin at start.</summary>
public interface INetworkHost
{
    /// <summary>Where the plugin pushes remote events.</summary>
    IRemoteEventSink Events { get; }

    /// <summary>Where the plugin adds its own commands.</summary>
    ICommandRegistry Commands { get; }

    /// <summary>A small namespaced key-value store for plugin state (cursors, offsets).</summary>
    IPluginKeyValueStore Store { get; }

    /// <summary>Read access to the message map (remote id ↔ Matrix event).</summary>
    IMessageMap Messages { get; }

    /// <summary>Loggers.</summary>
    ILoggerFactory LoggerFactory { get; }

    /// <summary>Links to Matrix media for networks that carry links rather than files.</summary>
    IMediaLinks Media { get; }

    /// <summary>Inbound webhooks on the bridge's listener.</summary>
    IWebhooks Webhooks { get; }

    /// <summary>The clock.</summary>
    TimeProvider Time { get; }
}
