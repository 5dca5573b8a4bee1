using System.Text.RegularExpressions;
using Bridges.Core.Network;

namespace Bridges.Irc.Bridge;

/// <summary>
/// Holds back the Matrix leaves of a QUIT for <see cref="IrcNetworkOptions.QuitDebounce"/> (ten times that for a
/// netsplit), and drops them for every channel the user rejoins meanwhile, so reconnects and netsplits cause no
/// leave/join churn in Matrix. (With <see cref="IrcNetworkOptions.QuitAsPresence"/> QUITs never get here: they become presence.)
/// </summary>
internal sealed partial class IrcQuitDebouncer(IrcNetworkContext network, Func<string, EventSender> from)
{
    private readonly Dictionary<string, Pending> _pending = new(StringComparer.Ordinal);

    public void Quit(string nick, IReadOnlyList<string> channels, string? reason, DateTimeOffset time)
    {
        if (channels.Count == 0)
        {
            return;
        }

        var delay = network.Options.QuitDebounce * (reason is not null && Netsplit().IsMatch(reason) ? 10 : 1);
        var pending = new Pending(nick, [.. channels.Select(network.Fold)], reason, time);
        lock (_pending)
        {
            if (_pending.Remove(network.Fold(nick), out var earlier))
            {
                earlier.Cancel.Cancel();
                pending.Channels.UnionWith(earlier.Channels);
            }

            _pending[network.Fold(nick)] = pending;
        }

        _ = LeaveLaterAsync(pending, delay);
    }

    /// <summary>True when <paramref name="nick"/> quit moments ago and came back to <paramref name="channel"/>: nothing to bridge.</summary>
    public bool Rejoined(string nick, string channel)
    {
        lock (_pending)
        {
            if (!_pending.TryGetValue(network.Fold(nick), out var pending) || !pending.Channels.Remove(network.Fold(channel)))
            {
                return false;
            }

            if (pending.Channels.Count == 0)
            {
                _pending.Remove(network.Fold(nick));
                pending.Cancel.Cancel();
            }

            return true;
        }
    }

    private async Task LeaveLaterAsync(Pending pending, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, network.Host.Time, pending.Cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            pending.Cancel.Dispose();
            return;
        }

        string[] channels;
        lock (_pending)
        {
            if (!_pending.Remove(network.Fold(pending.Nick), out var current) || !ReferenceEquals(current, pending))
            {
                return;
            }

            channels = [.. pending.Channels];
        }

        pending.Cancel.Dispose();
        foreach (var channel in channels)
        {
            network.Push(new RemoteMembership(IrcIds.Channel(network.Id, channel), from(pending.Nick), pending.Time, network.UserId(pending.Nick),
                MembershipChange.Leave, pending.Reason));
        }
    }

    [GeneratedRegex(@"^[\w.-]+\.[\w.-]+ [\w.-]+\.[\w.-]+$")]
    private static partial Regex Netsplit();

    private sealed record Pending(string Nick, HashSet<string> Channels, string? Reason, DateTimeOffset Time)
    {
        public CancellationTokenSource Cancel { get; } = new();
    }
}
