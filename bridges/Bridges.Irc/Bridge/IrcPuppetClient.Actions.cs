using System.Collections.Concurrent;
using Bridges.Core.Logins;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Bridges.Irc.Client;

namespace Bridges.Irc.Bridge;

/// <summary>What a Matrix user does besides messages: typing, membership, topic and power levels, through their puppet.</summary>
internal sealed partial class IrcPuppetClient
{
    private static readonly TimeSpan TypingRepeat = TimeSpan.FromSeconds(3);
    private readonly ConcurrentDictionary<PortalKey, long> _typingSent = new();

    /// <summary><c>+typing</c> on servers with message-tags, from a connected puppet only (typing never connects one).</summary>
    public async Task SendTypingAsync(PortalKey portal, bool typing, CancellationToken ct)
    {
        var (network, target) = Route(portal);
        if (NickOn(network) is null || (await PuppetAsync(network).ConfigureAwait(false)).Connection is not { IsConnected: true } connection
            || !connection.IsCapabilityEnabled("message-tags") || network.IsChannel(target) && connection.GetChannel(target) is null)
        {
            return;
        }

        var now = network.Host.Time.GetTimestamp();
        if (typing)
        {
            // The spec asks for at most one "active" per 3 seconds; Matrix repeats typing more often.
            if (_typingSent.TryGetValue(portal, out var last) && network.Host.Time.GetElapsedTime(last, now) < TypingRepeat)
            {
                return;
            }

            _typingSent[portal] = now;
        }
        else if (!_typingSent.TryRemove(portal, out _))
        {
            return;
        }

        await IrcSend.GuardAsync(() => connection.SendTagMsgAsync(TargetName(network, target), IrcTags.Empty.With("+typing", typing ? "active" : "done"), ct)).ConfigureAwait(false);
    }

    /// <summary>Joining or leaving a portal moves the puppet; kicks and bans of ghosts become KICK and MODE +b.</summary>
    public async Task SendMembershipAsync(OutgoingMembership membership, CancellationToken ct)
    {
        var (network, channel) = Route(membership.Portal);
        if (!network.IsChannel(channel) || network.Options.Mode != IrcBridgeMode.Puppets)
        {
            return;
        }

        var puppet = await PuppetAsync(network).ConfigureAwait(false);
        if (membership.Target is not { } target)
        {
            switch (membership.Change)
            {
                case MembershipChange.Join:
                    await puppet.JoinSoonAsync(channel, ct).ConfigureAwait(false);
                    break;
                case MembershipChange.Leave or MembershipChange.Kick or MembershipChange.Ban:
                    await puppet.PartAsync(channel, membership.Reason ?? "Left Matrix room", ct).ConfigureAwait(false);
                    break;
            }

            return;
        }

        var nick = network.NickOf(target);
        var connection = await puppet.EnsureJoinedAsync(channel, ct).ConfigureAwait(false);
        var reason = membership.Reason ?? $"Kicked from Matrix by {User.Localpart}";
        await IrcSend.GuardAsync(async () =>
        {
            switch (membership.Change)
            {
                case MembershipChange.Kick:
                    await connection.KickAsync(channel, nick, reason, ct).ConfigureAwait(false);
                    break;
                case MembershipChange.Ban:
                    await connection.SetModeAsync(channel, "+b", [nick + "!*@*"], ct).ConfigureAwait(false);
                    await connection.KickAsync(channel, nick, reason, ct).ConfigureAwait(false);
                    break;
                case MembershipChange.Unban:
                    await connection.SetModeAsync(channel, "-b", [nick + "!*@*"], ct).ConfigureAwait(false);
                    break;
            }
        }).ConfigureAwait(false);
    }

    public async Task SendTopicAsync(PortalKey portal, string topic, BridgeUser sender, CancellationToken ct)
    {
        var (network, channel) = Route(portal);
        if (network.IsChannel(channel))
        {
            var connection = await ConnectionAsync(network, channel, ct).ConfigureAwait(false);
            await IrcSend.GuardAsync(() => connection.SetTopicAsync(channel, topic, ct)).ConfigureAwait(false);
        }
    }

    /// <summary>IRC channels have no name besides the channel itself.</summary>
    public Task SendNameAsync(PortalKey portal, string name, BridgeUser sender, CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// A ghost's new Matrix power level becomes the highest membership mode whose level it reaches (op at 50 by
    /// default); modes it held that no longer fit are taken away.
    /// </summary>
    public async Task SendPowerLevelAsync(PortalKey portal, RemoteUserId target, long powerLevel, BridgeUser sender, CancellationToken ct)
    {
        var (network, channel) = Route(portal);
        if (!network.IsChannel(channel))
        {
            return;
        }

        var nick = network.NickOf(target);
        var modes = network.ISupport.PrefixModes;
        var wanted = modes.Where(m => network.Options.PowerLevels.TryGetValue(m.ToString(), out var level) && level <= powerLevel && level > 0)
            .Select(m => (char?)m).FirstOrDefault();
        var held = network.Relay.Connection?.GetChannel(channel) is { } state && state.TryGetMember(nick, out var member)
            ? member!.Prefixes.Select(p => modes[network.ISupport.PrefixSymbols.IndexOf(p, StringComparison.Ordinal)]).ToList()
            : [];
        var remove = held.Where(m => m != wanted && network.Options.PowerLevels.ContainsKey(m.ToString())).ToList();
        var change = (remove.Count > 0 ? "-" + new string([.. remove]) : string.Empty) + (wanted is { } w && !held.Contains(w) ? "+" + w : string.Empty);
        if (change.Length == 0)
        {
            return;
        }

        var connection = await ConnectionAsync(network, channel, ct).ConfigureAwait(false);
        var arguments = Enumerable.Repeat(nick, change.Count(char.IsLetter)).ToList();
        await IrcSend.GuardAsync(() => connection.SetModeAsync(channel, change, arguments, ct)).ConfigureAwait(false);
    }
}
