using Bridges.Core.Network.Ids;

namespace Bridges.Loopback;

public sealed partial class LoopbackNetwork
{
    private int _probes;

    /// <summary>Whether a message the bridge sends comes back to it as an echo (true, like most networks).</summary>
    public bool EchoSends { get; set; } = true;

    /// <summary>When set, a send is taken by the network but its answer never returns (a crash in between).</summary>
    public bool HangAfterAccept { get; set; }

    /// <summary>Whether the clients answer delivery probes (false: they answer "unknown", as a network that cannot tell).</summary>
    public bool ProbeDeliveries { get; set; } = true;

    /// <summary>How many delivery probes the bridge made.</summary>
    public int Probes => Volatile.Read(ref _probes);

    internal void CountProbe() => Interlocked.Increment(ref _probes);

    /// <summary>The message the network took with this echo token, if any.</summary>
    internal RemoteMessageId? TryFindSent(string echoToken)
    {
        lock (_gate)
        {
            return _messagesByEchoToken.TryGetValue(echoToken, out var id) ? id : null;
        }
    }
}
