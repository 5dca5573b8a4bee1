using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bridges.Emulators.Discord.Validation;
using Bridges.Emulators.Discord.World;
using Microsoft.AspNetCore.Http;

namespace Bridges.Emulators.Discord.Gateway;

/// <summary>
/// The Gateway at <c>/gateway?v=10&amp;encoding=json</c>, as the Gateway docs and the opcode and close-code tables
/// describe it: HELLO, IDENTIFY → READY and a GUILD_CREATE per guild, heartbeats acknowledged, dispatches numbered,
/// RESUME replaying what was missed, and the close codes for bad tokens, disallowed intents and protocol errors.
/// </summary>
internal sealed partial class GatewayServer(WorldState world, DiscordEmulatorOptions options, Func<Uri> baseUrl)
{
    private readonly Dictionary<string, GatewaySession> _sessions = new(StringComparer.Ordinal);
    private readonly List<GatewayConnection> _connections = [];

    /// <summary>The URL <c>GET /gateway/bot</c> and READY's <c>resume_gateway_url</c> name.</summary>
    public string Url => $"ws://{baseUrl().Authority}/gateway";

    /// <summary>Bots whose privileged intents (message content, members) are switched on in the "developer portal".</summary>
    public HashSet<string> PrivilegedAllowed { get; } = new(StringComparer.Ordinal);

    public bool AcknowledgeHeartbeats { get; set; } = true;

    public int Identifies { get; private set; }

    public int Resumes { get; private set; }

    public int Heartbeats { get; private set; }

    public int OpenConnections => _connections.Count(c => c.Identified);

    public FaultsApi Faults => new(this);

    /// <summary>Sends a dispatch to every session of a bot in the guild that asked for <paramref name="intent"/> (caller holds the gate).</summary>
    public void Dispatch(string guildId, string type, JsonObject data, int intent)
    {
        var members = world.Members.TryGetValue(guildId, out var m) ? m : [];
        foreach (var session in _sessions.Values.Where(s => s.Resumable && members.Contains(s.Bot.Id) && (s.Intents & intent) != 0))
        {
            var payload = data;
            // Without MESSAGE_CONTENT a bot gets messages with empty content, attachments and embeds (except its own and mentions).
            if (type is "MESSAGE_CREATE" or "MESSAGE_UPDATE" && (session.Intents & GatewayIntents.MessageContent) == 0
                && data["author"]?["id"]?.GetValue<string>() != session.Bot.Id)
            {
                payload = (JsonObject)data.DeepClone();
                payload["content"] = string.Empty;
                payload["attachments"] = new JsonArray();
                payload["embeds"] = new JsonArray();
            }

            session.Dispatch(type, payload);
        }
    }

    public async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        if (context.Request.Query["v"] != "10" || context.Request.Query["encoding"] != "json")
        {
            Record($"connect {context.Request.QueryString}", "expected ?v=10&encoding=json");
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var connection = new GatewayConnection(socket);
        lock (world.Gate)
        {
            _connections.Add(connection);
        }

        var writer = connection.RunWriterAsync(context.RequestAborted);
        connection.Send(new JsonObject { ["op"] = 10, ["d"] = new JsonObject { ["heartbeat_interval"] = (int)options.HeartbeatInterval.TotalMilliseconds } }.ToJsonString());
        var closedByClient = 0;
        try
        {
            closedByClient = await ReadAsync(connection, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // Dropped without a close frame: the session stays resumable, as on Discord.
        }
        finally
        {
            lock (world.Gate)
            {
                _connections.Remove(connection);
                if (connection.Session is { } session && session.Connection == connection)
                {
                    session.Connection = null;
                    // A normal close (1000/1001) ends the session; anything else keeps it for a RESUME.
                    if (closedByClient is 1000 or 1001)
                    {
                        session.Resumable = false;
                    }
                }

                world.Changed();
            }

            connection.Complete();
            await writer.ConfigureAwait(false);
        }
    }

    /// <summary>Reads frames until the socket closes; returns the client's close code (0 when the server closed).</summary>
    private async Task<int> ReadAsync(GatewayConnection connection, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await connection.Socket.ReceiveAsync(buffer, ct).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                var code = (int?)result.CloseStatus ?? 1005;
                if (connection.Socket.State == WebSocketState.CloseReceived)
                {
                    await connection.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, ct).ConfigureAwait(false);
                }

                return code;
            }

            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage)
            {
                continue;
            }

            JsonObject? payload;
            try
            {
                payload = JsonNode.Parse(message.ToArray()) as JsonObject;
            }
            catch (JsonException)
            {
                payload = null;
            }

            message.SetLength(0);
            if (payload?["op"] is not JsonValue op || !op.TryGetValue<int>(out var opcode))
            {
                Record("payload", "not a JSON object with an integer op");
                connection.Close(4002);
                continue;
            }

            lock (world.Gate)
            {
                Handle(connection, opcode, payload["d"]);
                world.Changed();
            }
        }
    }

    private void Handle(GatewayConnection connection, int op, JsonNode? d)
    {
        switch (op)
        {
            case 1:
                Heartbeats++;
                if (d is not null && (d is not JsonValue v || !v.TryGetValue<int>(out _)))
                {
                    Record("op 1 Heartbeat", "d must be the last sequence number or null");
                }

                if (AcknowledgeHeartbeats)
                {
                    connection.Send("""{"op":11}""");
                }

                break;
            case 2:
                Identify(connection, d as JsonObject);
                break;
            case 6:
                Resume(connection, d as JsonObject);
                break;
            case 3 or 4 or 8 or 31:
                // Presence, voice state, member requests and soundboard requests: accepted, not emulated.
                if (!connection.Identified)
                {
                    connection.Close(4003);
                }

                break;
            default:
                Record($"op {op}", "unknown opcode");
                connection.Close(4001);
                break;
        }
    }

    private void Record(string what, string detail) => world.Violations.Add(new SpecViolation(SpecViolationKind.Request, "GATEWAY " + what, detail));
}
