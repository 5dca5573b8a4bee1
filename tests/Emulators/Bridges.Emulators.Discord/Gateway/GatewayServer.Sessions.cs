using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Bridges.Emulators.Discord.World;

namespace Bridges.Emulators.Discord.Gateway;

internal sealed partial class GatewayServer
{
    /// <summary>Every intent bit the docs define (0–25 with gaps are accepted as Discord does).</summary>
    private const int KnownIntents = (1 << 26) - 1;

    private void Identify(GatewayConnection connection, JsonObject? d)
    {
        if (connection.Identified)
        {
            connection.Close(4005);
            return;
        }

        // The Identify Structure table: token, properties (os, browser, device) and intents are required.
        if (d?["token"] is not JsonValue tokenValue || !tokenValue.TryGetValue<string>(out var token)
            || d["intents"] is not JsonValue intentsValue || !intentsValue.TryGetValue<int>(out var intents)
            || d["properties"] is not JsonObject properties || properties["os"] is null || properties["browser"] is null || properties["device"] is null)
        {
            Record("op 2 Identify", "token, intents and properties (os, browser, device) are required");
            connection.Close(4002);
            return;
        }

        var bot = world.Users.Values.FirstOrDefault(u => u.Token is not null && u.Token == token);
        if (bot is null)
        {
            connection.Close(4004);
            return;
        }

        if ((intents & ~KnownIntents) != 0)
        {
            connection.Close(4013);
            return;
        }

        if ((intents & GatewayIntents.Privileged) != 0 && !PrivilegedAllowed.Contains(bot.Id))
        {
            connection.Close(4014);
            return;
        }

        Identifies++;
        var session = new GatewaySession(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), bot, intents) { Connection = connection };
        _sessions[session.Id] = session;
        connection.Session = session;
        var guilds = world.Guilds.Values.Where(g => world.Members.TryGetValue(g.Id, out var m) && m.Contains(bot.Id)).ToList();
        session.Dispatch("READY", new JsonObject
        {
            ["v"] = 10,
            ["user"] = DiscordJson.User(bot),
            ["guilds"] = new JsonArray([.. guilds.Select(g => (JsonNode)new JsonObject { ["id"] = g.Id, ["unavailable"] = true })]),
            ["session_id"] = session.Id,
            ["resume_gateway_url"] = Url,
            ["application"] = new JsonObject { ["id"] = bot.Id, ["flags"] = 0 },
        });
        if ((intents & GatewayIntents.Guilds) != 0)
        {
            var actions = new WorldActions(world, this);
            foreach (var guild in guilds)
            {
                session.Dispatch("GUILD_CREATE", actions.GuildCreate(guild));
            }
        }
    }

    private void Resume(GatewayConnection connection, JsonObject? d)
    {
        if (d?["session_id"] is not JsonValue idValue || !idValue.TryGetValue<string>(out var sessionId)
            || d["token"] is not JsonValue tokenValue || !tokenValue.TryGetValue<string>(out var token)
            || d["seq"] is not JsonValue seqValue || !seqValue.TryGetValue<int>(out var seq))
        {
            Record("op 6 Resume", "token, session_id and seq are required");
            connection.Close(4002);
            return;
        }

        if (!_sessions.TryGetValue(sessionId, out var session) || !session.Resumable || session.Bot.Token != token)
        {
            // Invalid Session, not resumable: the client waits 1–5 s and identifies afresh.
            connection.Send("""{"op":9,"d":false}""");
            return;
        }

        if (seq > session.Sequence)
        {
            connection.Close(4007);
            return;
        }

        Resumes++;
        if (session.Connection is { } previous && previous != connection)
        {
            previous.Close(4000);
        }

        session.Connection = connection;
        connection.Session = session;
        foreach (var missed in session.After(seq))
        {
            connection.Send(missed);
        }

        session.Dispatch("RESUMED", null);
    }

    /// <summary>Test controls for connection faults (all under the gate).</summary>
    internal readonly struct FaultsApi(GatewayServer server)
    {
        /// <summary>Closes every connection with <paramref name="code"/>; 4009 and 4007 also end their sessions.</summary>
        public void CloseAll(int code)
        {
            foreach (var connection in server._connections)
            {
                if (code is 4007 or 4009 or 1000 && connection.Session is { } session)
                {
                    session.Resumable = false;
                }

                connection.Close(code);
            }
        }

        /// <summary>Sends op 7 Reconnect: the client should close and resume.</summary>
        public void Reconnect()
        {
            foreach (var connection in server._connections.Where(c => c.Identified))
            {
                connection.Send("""{"op":7,"d":null}""");
            }
        }

        /// <summary>Sends op 9 Invalid Session; not resumable ends the sessions too.</summary>
        public void InvalidateSessions(bool resumable)
        {
            foreach (var connection in server._connections.Where(c => c.Identified))
            {
                if (!resumable)
                {
                    connection.Session!.Resumable = false;
                }

                connection.Send(resumable ? """{"op":9,"d":true}""" : """{"op":9,"d":false}""");
            }
        }
    }
}
