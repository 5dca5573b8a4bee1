using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bridges.Discord.Api;

namespace Bridges.Discord.Gateway;

internal sealed partial class DiscordGatewayClient
{
    private const int OpDispatch = 0, OpHeartbeat = 1, OpIdentify = 2, OpResume = 6, OpReconnect = 7, OpInvalidSession = 9, OpHello = 10, OpHeartbeatAck = 11;

    /// <summary>How one connection ended, and so what the next one does.</summary>
    private readonly record struct ConnectionOutcome(int? FatalCode = null, bool EndsSession = false, bool WasReady = false, TimeSpan? Delay = null)
    {
        public static ConnectionOutcome Dropped => default;
    }

    private async Task<ConnectionOutcome> RunConnectionAsync(ClientWebSocket socket, CancellationToken ct)
    {
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var hello = await ReceiveAsync(socket, connection.Token).ConfigureAwait(false);
        if (hello is not { } helloPayload || Op(helloPayload) != OpHello)
        {
            return Closed(socket, ready: false);
        }

        var interval = TimeSpan.FromMilliseconds(helloPayload.GetProperty("d").GetProperty("heartbeat_interval").GetDouble());
        var acked = true;
        var heartbeat = Task.Run(async () =>
        {
            // The docs: the first heartbeat after interval * jitter (a random 0–1), so a fleet does not beat in step.
            var wait = interval * Random.Shared.NextDouble();
            while (!connection.IsCancellationRequested)
            {
                await Task.Delay(wait, time, connection.Token).ConfigureAwait(false);
                if (!Volatile.Read(ref acked))
                {
                    // No ACK since the last beat: a zombied connection. Drop it (not with 1000, so the session resumes).
                    Log.Zombie(logger);
                    socket.Abort();
                    return;
                }

                Volatile.Write(ref acked, false);
                await SendAsync(socket, Heartbeat(), connection.Token).ConfigureAwait(false);
                wait = interval;
            }
        }, CancellationToken.None);

        var ready = false;
        try
        {
            await SendAsync(socket, SessionId is { } session && Sequence is { } seq ? Resume(session, seq) : Identify(), connection.Token).ConfigureAwait(false);
            while (true)
            {
                if (await ReceiveAsync(socket, connection.Token).ConfigureAwait(false) is not { } payload)
                {
                    return Closed(socket, ready);
                }

                switch (Op(payload))
                {
                    case OpDispatch:
                        if (payload.TryGetProperty("s", out var s) && s.ValueKind == JsonValueKind.Number)
                        {
                            Sequence = s.GetInt32();
                        }

                        var type = payload.GetProperty("t").GetString()!;
                        var data = payload.GetProperty("d");
                        if (type == "READY")
                        {
                            var readyEvent = DiscordJson.Read<DiscordReady>(data);
                            SessionId = readyEvent.SessionId;
                            _resumeUrl = new Uri(readyEvent.ResumeGatewayUrl);
                            ready = true;
                            Log.GatewayReady(logger, readyEvent.User.Username, readyEvent.User.Id);
                        }
                        else if (type == "RESUMED")
                        {
                            ready = true;
                            Log.GatewayResumed(logger, Sequence ?? 0);
                        }

                        await _dispatches.Writer.WriteAsync((type, data.Clone()), connection.Token).ConfigureAwait(false);
                        if (type == "READY")
                        {
                            _ready.TrySetResult();
                        }

                        break;
                    case OpHeartbeat:
                        await SendAsync(socket, Heartbeat(), connection.Token).ConfigureAwait(false);
                        break;
                    case OpHeartbeatAck:
                        Volatile.Write(ref acked, true);
                        break;
                    case OpReconnect:
                        await CloseForResumeAsync(socket, connection.Token).ConfigureAwait(false);
                        return new ConnectionOutcome(WasReady: true);
                    case OpInvalidSession:
                        var resumable = payload.TryGetProperty("d", out var d) && d.ValueKind == JsonValueKind.True;
                        Log.InvalidSession(logger, resumable);
                        await CloseForResumeAsync(socket, connection.Token).ConfigureAwait(false);
                        // The docs: wait a random 1–5 seconds before identifying again.
                        return new ConnectionOutcome(EndsSession: !resumable, WasReady: ready,
                            Delay: settings.ReconnectDelay * (1 + (4 * Random.Shared.NextDouble())));
                }
            }
        }
        catch (WebSocketException) when (!ct.IsCancellationRequested)
        {
            return Closed(socket, ready);
        }
        finally
        {
            await connection.CancelAsync().ConfigureAwait(false);
            try
            {
                await heartbeat.ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
            {
                // The heartbeat ends with its connection.
            }
        }
    }

    private ConnectionOutcome Closed(ClientWebSocket socket, bool ready)
    {
        var code = (int?)socket.CloseStatus;
        if (code is { } closed)
        {
            Log.GatewayClosed(logger, closed, socket.CloseStatusDescription ?? string.Empty);
            if (GatewayCloseCodes.IsFatal(closed))
            {
                return new ConnectionOutcome(FatalCode: closed);
            }

            return new ConnectionOutcome(EndsSession: GatewayCloseCodes.EndsSession(closed), WasReady: ready);
        }

        return new ConnectionOutcome(WasReady: ready);
    }

    /// <summary>Closes with a non-1000 code, which keeps the session resumable (1000 and 1001 end it).</summary>
    private static async Task CloseForResumeAsync(ClientWebSocket socket, CancellationToken ct)
    {
        try
        {
            await socket.CloseOutputAsync((WebSocketCloseStatus)4000, "reconnecting", ct).ConfigureAwait(false);
        }
        catch (WebSocketException)
        {
            // Gone already; the next connection resumes all the same.
        }
    }

    /// <summary>One whole message, or null once the socket closed.</summary>
    private static async Task<JsonElement?> ReceiveAsync(ClientWebSocket socket, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, ct).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                using var document = JsonDocument.Parse(message.ToArray());
                return document.RootElement.Clone();
            }
        }
    }

    private static int Op(JsonElement payload) => payload.GetProperty("op").GetInt32();

    private JsonObject Heartbeat() => new() { ["op"] = OpHeartbeat, ["d"] = Sequence };

    private JsonObject Identify() => new()
    {
        ["op"] = OpIdentify,
        ["d"] = new JsonObject
        {
            ["token"] = token.Reveal(),
            ["intents"] = (int)intents,
            ["properties"] = new JsonObject { ["os"] = Environment.OSVersion.Platform.ToString().ToLowerInvariant(), ["browser"] = "bridges", ["device"] = "bridges" },
        },
    };

    private JsonObject Resume(string session, int seq) => new()
    {
        ["op"] = OpResume,
        ["d"] = new JsonObject { ["token"] = token.Reveal(), ["session_id"] = session, ["seq"] = seq },
    };
}
