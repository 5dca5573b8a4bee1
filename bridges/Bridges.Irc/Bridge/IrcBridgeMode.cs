namespace Bridges.Irc.Bridge;

/// <summary>How Matrix users appear on an IRC network.</summary>
public enum IrcBridgeMode
{
    /// <summary>Each Matrix user who speaks gets an IRC connection of their own (a puppet).</summary>
    Puppets,

    /// <summary>Everyone speaks through the network's relay bot, with the relay templates.</summary>
    Relay,
}
