using System.Text.Json;
using Bridges.Core.Bridge;
using Bridges.Core.Logins;
using Bridges.Core.Network;
using Bridges.Matrix.Events;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Portals;

/// <summary>
/// Sends Matrix-side state changes of a portal room to the network: members joining and leaving (their puppets
/// follow), ghosts kicked or banned, topic and name, and ghosts' power levels.
/// </summary>
internal sealed class MatrixStateHandler(MatrixEventServices services, Portal portal)
{
    private readonly BridgeContext env = services.Env;

    public async Task<bool> HandleAsync(MatrixEvent evt, CancellationToken ct)
    {
        var user = new BridgeUser(evt.Sender, env.PermissionOf(evt.Sender));
        var client = OwnClient(evt.Sender);
        if (client is null && evt.Type == EventTypes.Member && evt.StateKey == evt.Sender.Value
            && evt.ContentAs(MatrixJsonContext.Default.MemberContent)?.Membership == Membership.Join
            && await services.LoginService.EnsureImplicitAsync(evt.Sender, portal.Key, ct).ConfigureAwait(false) is { } own)
        {
            // A Matrix user joining a portal gets their puppet now, so it is in the channel before they speak.
            client = own.Client;
        }

        switch (evt.Type)
        {
            case EventTypes.Member when client is IMembershipSender members && evt.ContentAs(MatrixJsonContext.Default.MemberContent) is { } member:
                var change = MembershipChangeOf(evt, member);
                if (change is null)
                {
                    return false;
                }

                var target = evt.StateKey == evt.Sender.Value ? null : UserId.TryParse(evt.StateKey, out var t) ? env.Ghosts.RemoteIdFor(t) : null;
                if (evt.StateKey != evt.Sender.Value && target is null)
                {
                    return false;
                }

                await members.SendMembershipAsync(new OutgoingMembership(portal.Key, user, target, change.Value, member.Reason), ct).ConfigureAwait(false);
                return true;
            case EventTypes.Topic when client is IRoomMetaSender meta && evt.ContentAs(MatrixJsonContext.Default.TopicContent) is { } topic:
                await meta.SendTopicAsync(portal.Key, topic.Topic, user, ct).ConfigureAwait(false);
                portal.Record = portal.Record with { Topic = topic.Topic };
                await env.Stores.Portals.UpsertAsync(portal.Record, ct).ConfigureAwait(false);
                return true;
            case EventTypes.Name when client is IRoomMetaSender meta && evt.ContentAs(MatrixJsonContext.Default.NameContent) is { } name:
                await meta.SendNameAsync(portal.Key, name.Name, user, ct).ConfigureAwait(false);
                portal.Record = portal.Record with { Name = name.Name };
                await env.Stores.Portals.UpsertAsync(portal.Record, ct).ConfigureAwait(false);
                return true;
            case EventTypes.PowerLevels when client is IPowerLevelSender levels && evt.ContentAs(MatrixJsonContext.Default.PowerLevelsContent) is { } content:
                var previous = evt.Unsigned is { ValueKind: JsonValueKind.Object } u && u.TryGetProperty("prev_content", out var prev)
                    ? prev.Deserialize(MatrixJsonContext.Default.PowerLevelsContent) : null;
                var sent = false;
                foreach (var key in content.Users.Keys.Union(previous?.Users.Keys.AsEnumerable() ?? []))
                {
                    if (UserId.TryParse(key, out var ghost) && env.Ghosts.RemoteIdFor(ghost) is { } remote
                        && content.UserLevel(key) != (previous?.UserLevel(key) ?? content.UsersDefault))
                    {
                        await levels.SendPowerLevelAsync(portal.Key, remote, content.UserLevel(key), user, ct).ConfigureAwait(false);
                        sent = true;
                    }
                }

                return sent;
            default:
                return false;
        }
    }

    private static MembershipChange? MembershipChangeOf(MatrixEvent evt, MemberContent member)
    {
        var self = evt.StateKey == evt.Sender.Value;
        var before = evt.Unsigned is { ValueKind: JsonValueKind.Object } u && u.TryGetProperty("prev_content", out var prev)
            && prev.TryGetProperty("membership", out var m) ? m.GetString() : null;
        return member.Membership switch
        {
            Membership.Join when self && before != Membership.Join => MembershipChange.Join,
            Membership.Leave when self => MembershipChange.Leave,
            Membership.Leave when before == Membership.Ban => MembershipChange.Unban,
            Membership.Leave => MembershipChange.Kick,
            Membership.Ban => MembershipChange.Ban,
            _ => null,
        };
    }

    /// <summary>The sender's own login for this portal (state changes are never relayed).</summary>
    private INetworkClient? OwnClient(UserId sender) =>
        services.Logins.ConnectedFor(sender, portal.Key).Select(c => c.Client).FirstOrDefault();
}
