using System.Text.Json.Nodes;
using Bridges.Testing.Homeserver.Http;
using Bridges.Testing.Homeserver.Model;

namespace Bridges.Testing.Homeserver.Logic;

/// <summary><c>POST /createRoom</c>: the spec's event sequence, built and checked in full before any is stored.</summary>
internal sealed class RoomCreator(HomeserverContext ctx, Resolver resolver, AliasRules aliasRules)
{
    public async Task<string> CreateAsync(Requester requester, JsonObject body, CancellationToken ct)
    {
        var invites = (body["invite"] as JsonArray ?? []).Select(i => i!.GetValue<string>()).Distinct().ToList();
        foreach (var invitee in invites)
        {
            await resolver.RequireUserAsync(invitee, ct);
        }

        lock (ctx.Gate)
        {
            return Create(requester, body, invites);
        }
    }

    private string Create(Requester requester, JsonObject body, List<string> invites)
    {
        var creator = requester.UserId;
        var version = body["room_version"]?.GetValue<string>() ?? ctx.Options.DefaultRoomVersion;
        if (!RoomVersion.IsSupported(version))
        {
            throw MatrixError.Create(400, "M_UNSUPPORTED_ROOM_VERSION", $"Room version {version} is not supported");
        }

        string? alias = null;
        if (body["room_alias_name"]?.GetValue<string>() is { } aliasName)
        {
            alias = $"#{aliasName}:{ctx.ServerName}";
            aliasRules.CheckCreate(requester, alias);
        }

        var visibility = body["visibility"]?.GetValue<string>() ?? "private";
        var preset = body["preset"]?.GetValue<string>() ?? (visibility == "public" ? "public_chat" : "private_chat");
        var isDirect = body["is_direct"]?.GetValue<bool>() ?? false;

        var createContent = body["creation_content"]?.DeepClone() as JsonObject ?? [];
        createContent["room_version"] = version;
        var creators = new List<string> { creator };
        if (RoomVersion.V11Rules(version))
        {
            createContent.Remove("creator");
        }
        else
        {
            createContent["creator"] = creator;
        }

        if (RoomVersion.Creators(version))
        {
            if (preset == "trusted_private_chat")
            {
                // Spec: for trusted_private_chat, invitees SHOULD be appended to additional_creators.
                var additional = createContent["additional_creators"] as JsonArray ?? [];
                foreach (var invitee in invites.Where(i => additional.All(a => a?.GetValue<string>() != i)))
                {
                    additional.Add(invitee);
                }

                createContent["additional_creators"] = additional;
            }

            creators.AddRange((createContent["additional_creators"] as JsonArray ?? []).Select(a => a!.GetValue<string>()));
        }

        CheckPowerLevelOverride(body, version, creators);
        var room = new Room(Ids.RoomId(version, ctx.ServerName), version, creators.Distinct().ToList());
        var planned = new List<(string Type, string? StateKey, JsonObject Content)>
        {
            ("m.room.create", "", createContent),
            ("m.room.member", creator, Member("join", creator, isDirect: false)),
            ("m.room.power_levels", "", PowerLevelContent(body, room, preset, invites)),
        };
        if (alias is not null)
        {
            planned.Add(("m.room.canonical_alias", "", new JsonObject { ["alias"] = alias }));
        }

        var (joinRule, guestAccess) = preset == "public_chat" ? ("public", "forbidden") : ("invite", "can_join");
        planned.Add(("m.room.join_rules", "", new JsonObject { ["join_rule"] = joinRule }));
        planned.Add(("m.room.history_visibility", "", new JsonObject { ["history_visibility"] = "shared" }));
        planned.Add(("m.room.guest_access", "", new JsonObject { ["guest_access"] = guestAccess }));
        foreach (var state in body["initial_state"] as JsonArray ?? [])
        {
            planned.Add((state!["type"]!.GetValue<string>(), state["state_key"]?.GetValue<string>() ?? "",
                state["content"]?.DeepClone() as JsonObject ?? []));
        }

        if (body["name"]?.GetValue<string>() is { } name)
        {
            planned.Add(("m.room.name", "", new JsonObject { ["name"] = name }));
        }

        if (body["topic"]?.GetValue<string>() is { } topic)
        {
            planned.Add(("m.room.topic", "", new JsonObject
            {
                ["topic"] = topic,
                ["m.topic"] = new JsonObject
                {
                    ["m.text"] = new JsonArray(new JsonObject { ["body"] = topic, ["mimetype"] = "text/plain" }),
                },
            }));
        }

        foreach (var invitee in invites)
        {
            planned.Add(("m.room.member", invitee, Member("invite", invitee, isDirect)));
        }

        // Check every event before storing any, so a bad initial_state leaves no half-made room behind.
        var events = planned.Select(p => ctx.Events.Build(room, p.Type, p.StateKey, creator, p.Content)).ToList();
        events.ForEach(ctx.Events.Validate);

        ctx.Rooms[room.RoomId] = room;
        events.ForEach(e => ctx.Events.Commit(room, e));
        if (alias is not null)
        {
            ctx.Aliases[alias] = new AliasEntry(room.RoomId, creator);
        }

        room.Published = visibility == "public";
        return room.RoomId;
    }

    private JsonObject Member(string membership, string userId, bool isDirect)
    {
        var content = new JsonObject { ["membership"] = membership };
        if (ctx.Users.TryGetValue(userId, out var account))
        {
            foreach (var key in new[] { "displayname", "avatar_url" })
            {
                if (account.Profile[key] is { } value)
                {
                    content[key] = value.DeepClone();
                }
            }
        }

        if (isDirect)
        {
            content["is_direct"] = true;
        }

        return content;
    }

    /// <summary>
    /// Synapse's checks of <c>power_level_content_override.users</c>: from room version 12 no creator may be listed
    /// (they have infinite power); before it, a <c>users</c> that leaves out the creator would lock them out.
    /// </summary>
    private static void CheckPowerLevelOverride(JsonObject body, string version, List<string> creators)
    {
        if (body["power_level_content_override"] is not JsonObject levels || levels["users"] is not JsonObject users)
        {
            return;
        }

        if (RoomVersion.Creators(version))
        {
            if (creators.Any(users.ContainsKey))
            {
                throw MatrixError.InvalidParam("creator user IDs are not allowed in the `users` field");
            }
        }
        else if (!users.ContainsKey(creators[0]))
        {
            throw MatrixError.Create(400, "M_UNKNOWN", $"Not a valid power_level_content_override, 'users' did not contain {creators[0]}");
        }
    }

    private static JsonObject PowerLevelContent(JsonObject body, Room room, string preset, List<string> invites)
    {
        var creatorsUnlimited = RoomVersion.Creators(room.Version);
        var users = new JsonObject();
        if (!creatorsUnlimited)
        {
            users[room.Creators.First()] = 100;
        }

        if (preset == "trusted_private_chat" && !creatorsUnlimited)
        {
            foreach (var invitee in invites)
            {
                users[invitee] = 100;
            }
        }

        // Synapse's defaults; room version 12 needs tombstone above state_default.
        var content = new JsonObject
        {
            ["users"] = users,
            ["users_default"] = 0,
            ["events"] = new JsonObject
            {
                ["m.room.name"] = 50,
                ["m.room.power_levels"] = 100,
                ["m.room.history_visibility"] = 100,
                ["m.room.canonical_alias"] = 50,
                ["m.room.avatar"] = 50,
                ["m.room.tombstone"] = creatorsUnlimited ? 150 : 100,
                ["m.room.server_acl"] = 100,
                ["m.room.encryption"] = 100,
            },
            ["events_default"] = 0,
            ["state_default"] = 50,
            ["ban"] = 50,
            ["kick"] = 50,
            ["redact"] = 50,
            ["invite"] = preset == "public_chat" ? 50 : 0,
        };
        foreach (var (key, value) in body["power_level_content_override"] as JsonObject ?? [])
        {
            content[key] = value?.DeepClone();
        }

        return content;
    }
}
