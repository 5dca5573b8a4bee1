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
                    AuthoriseRestrictedJoin(room, target, content);
                }

                AddProfile(target, content);
                break;
            case "knock":
                if (sender != target)
                {
                    throw MatrixError.Forbidden("You cannot knock on behalf of someone else");
                }

                if (!KnockRules.Contains(room.JoinRule) || !RoomVersion.Knocking(room.Version, room.JoinRule))
                {
                    throw MatrixError.Forbidden("You are not allowed to knock on this room");
                }

                if (current is "join" or "invite" or "ban")
                {
                    throw MatrixError.Forbidden(current == "ban" ? $"{sender} is banned from the room" : $"{sender} is already {(current == "join" ? "in" : "invited to")} the room");
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

    private static readonly string[] KnockRules = ["knock", "knock_restricted"];

    /// <summary>
    /// A join without an invite to a <c>restricted</c> (v8+) or <c>knock_restricted</c> (v10+) room: allowed when the
    /// user is joined to a room the <c>allow</c> list names, and signed off, as Synapse does, by a local member who
    /// may invite (<c>join_authorised_via_users_server</c>). Any other rule needs an invite.
    /// </summary>
    private void AuthoriseRestrictedJoin(Room room, string user, JsonObject content)
    {
        var rule = room.JoinRule;
        if (!RoomVersion.RestrictedJoins(room.Version, rule))
        {
            throw MatrixError.Forbidden("You are not invited to this room.");
        }

        var allowed = (room.StateContent("m.room.join_rules")?["allow"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(a => a["type"]?.GetValue<string>() == "m.room_membership" && a["room_id"] is JsonValue)
            .Any(a => ctx.Rooms.TryGetValue(a["room_id"]!.GetValue<string>(), out var other) && other.Membership(user) == "join");
        if (!allowed)
        {
            throw MatrixError.Forbidden("You do not belong to any of the required rooms/spaces to join this room.");
        }

        var levels = room.PowerLevels;
        var authoriser = room.State.Where(kv => kv.Key.Type == "m.room.member" && kv.Value.Membership == "join")
            .Select(kv => kv.Key.StateKey)
            .FirstOrDefault(member => member.EndsWith(":" + ctx.ServerName, StringComparison.Ordinal) && levels.UserLevel(member) >= levels.Invite)
            ?? throw MatrixError.Forbidden("Unable to find a local user with the power to invite.");
        content["join_authorised_via_users_server"] = authoriser;
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
