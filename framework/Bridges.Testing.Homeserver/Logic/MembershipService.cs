using System.Text.Json.Nodes;
using Bridges.Testing.Homeserver.Http;
using Bridges.Testing.Homeserver.Model;

namespace Bridges.Testing.Homeserver.Logic;

/// <summary>
/// Membership changes with the spec's auth rules. Every change, from the dedicated endpoints or from
/// <c>PUT /state/m.room.member/{userId}</c>, goes through <see cref="Apply"/>. Callers hold the homeserver lock.
/// </summary>
internal sealed class MembershipService(HomeserverContext ctx)
{
    /// <summary>
    /// Changes <paramref name="target"/>'s membership as the requester; <paramref name="content"/> is the member
    /// event content and must contain <c>membership</c>.
    /// </summary>
    public StoredEvent Apply(Room room, Requester requester, string target, JsonObject content, string? txnId = null)
    {
        var sender = requester.UserId;
        var membership = content["membership"]?.GetValue<string>()
            ?? throw MatrixError.BadJson("m.room.member content needs 'membership'");
        var current = room.Membership(target);
        var powerLevels = room.PowerLevels;
        var senderLevel = powerLevels.UserLevel(sender);
        var targetLevel = powerLevels.UserLevel(target);

        switch (membership)
        {
            case "join":
                if (sender != target)
                {
                    throw MatrixError.Forbidden("You cannot join a room on behalf of someone else");
                }

                if (current == "ban")
                {
                    throw MatrixError.Forbidden($"{sender} is banned from the room");
                }

                if (current is not ("join" or "invite") && room.JoinRule != "public")
                {
                    throw MatrixError.Forbidden("You are not invited to this room.");
                }

                AddProfile(target, content);
                break;
            case "invite":
                RoomAuthorizer.RequireJoined(room, sender);
                if (current == "join")
                {
                    throw MatrixError.Forbidden($"{target} is already in the room.");
                }

                if (current == "ban")
                {
                    throw MatrixError.Forbidden($"{target} is banned from the room");
                }

                if (senderLevel < powerLevels.Invite)
                {
                    throw MatrixError.Forbidden($"You don't have permission to invite users (invite level {powerLevels.Invite})");
                }

                AddProfile(target, content);
                break;
            case "leave" when sender == target:
                if (current is not ("join" or "invite" or "knock"))
                {
                    throw MatrixError.Forbidden($"{sender} is not in the room");
                }

                break;
            case "leave":
                RoomAuthorizer.RequireJoined(room, sender);
                if (current == "ban")
                {
                    if (senderLevel < powerLevels.Ban)
                    {
                        throw MatrixError.Forbidden("You don't have permission to unban users");
                    }
                }
                else if (current is not ("join" or "invite" or "knock"))
                {
                    throw MatrixError.Forbidden($"{target} is not in the room");
                }

                if (senderLevel < powerLevels.Kick || senderLevel <= targetLevel)
                {
                    throw MatrixError.Forbidden($"You don't have permission to kick {target}");
                }

                break;
            case "ban":
                RoomAuthorizer.RequireJoined(room, sender);
                if (senderLevel < powerLevels.Ban || senderLevel <= targetLevel)
                {
                    throw MatrixError.Forbidden($"You don't have permission to ban {target}");
                }

                break;
            default:
                throw MatrixError.Forbidden($"Membership '{membership}' is not supported by this homeserver");
        }

        return ctx.Events.Send(room, "m.room.member", target, sender, content, requester: requester, txnId: txnId);
    }

    /// <summary>Unban is a <c>leave</c> by another user on a banned member; the target must be banned.</summary>
    public StoredEvent Unban(Room room, Requester requester, string target, string? reason)
    {
        if (room.Membership(target) != "ban")
        {
            throw MatrixError.Forbidden($"{target} is not banned");
        }

        return Apply(room, requester, target, Content("leave", reason));
    }

    public static JsonObject Content(string membership, string? reason)
    {
        var content = new JsonObject { ["membership"] = membership };
        if (reason is not null)
        {
            content["reason"] = reason;
        }

        return content;
    }

    /// <summary>Like Synapse, join and invite events get the target's global profile unless given.</summary>
    private void AddProfile(string userId, JsonObject content)
    {
        if (!ctx.Users.TryGetValue(userId, out var account))
        {
            return;
        }

        foreach (var key in new[] { "displayname", "avatar_url" })
        {
            if (!content.ContainsKey(key) && account.Profile[key] is { } value)
            {
                content[key] = value.DeepClone();
            }
        }
    }
}
