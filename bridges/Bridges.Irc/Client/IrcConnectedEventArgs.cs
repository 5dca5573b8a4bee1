namespace Bridges.Irc.Client;

/// <summary>Registration finished (end of MOTD): the connection is usable.</summary>
internal sealed class IrcConnectedEventArgs(string nick, bool isReconnect, IReadOnlyCollection<string> enabledCaps) : EventArgs
{
    /// <summary>Nick the server gave us (may differ from the configured one after a collision).</summary>
    public string Nick { get; } = nick;

    /// <summary>True for every registration after the first.</summary>
    public bool IsReconnect { get; } = isReconnect;

    public IReadOnlyCollection<string> EnabledCaps { get; } = enabledCaps;
}
