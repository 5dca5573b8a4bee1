using System.Text.Json;
using Bridges.Core.Bridge;
using Bridges.Core.Network;
using Bridges.Matrix.Events;
using Bridges.Matrix.Ids;
using Microsoft.Extensions.Logging;
using EventId = Bridges.Matrix.Ids.EventId;

namespace Bridges.Core.Portals;

/// <summary>
/// Tells the room when something could not be bridged, in either direction: an <c>m.notice</c> naming it, and a
/// <c>com.beeper.message_send_status</c> event for Matrix messages, where clients show it on the message itself.
/// </summary>
internal sealed class FailureNotices(BridgeContext env)
{
    public async Task RemoteFailedAsync(Portal portal, RemoteEvent evt, Exception error, CancellationToken ct)
    {
        if (portal.RoomId is not { } room)
        {
            return;
        }

        var what = evt switch
        {
            RemoteMessage m => $"a message from {m.Sender.User.Value} (id {m.Id.Value})",
            RemoteEdit e => $"an edit by {e.Sender.User.Value}",
            RemoteReaction r => $"a reaction by {r.Sender.User.Value}",
            _ => $"a {evt.GetType().Name} event",
        };
        await NoticeAsync(room, $"⚠️ {env.NetworkName}: could not bridge {what} to Matrix: {error.Message}", ct).ConfigureAwait(false);
    }

    public async Task MatrixFailedAsync(RoomId room, EventId eventId, string reason, bool retriable, CancellationToken ct)
    {
        Metrics.BridgeMetrics.RecordFailed(env.Network, Metrics.BridgeMetrics.ToRemote);
        await NoticeAsync(room, $"⚠️ Your message was not delivered to {env.NetworkName}: {reason}", ct).ConfigureAwait(false);
        await StatusAsync(room, eventId, retriable ? "FAIL_RETRIABLE" : "FAIL_PERMANENT", reason, ct).ConfigureAwait(false);
    }

    public Task DeliveredAsync(RoomId room, EventId eventId, CancellationToken ct) => StatusAsync(room, eventId, "SUCCESS", null, ct);

    private async Task NoticeAsync(RoomId room, string text, CancellationToken ct)
    {
        try
        {
            await env.Intents.Bot.SendMessageAsync(room, MessageContent.Notice(text), null, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.NoticeFailed(env.LoggerFactory.CreateLogger<FailureNotices>(), e, room.Value);
        }
    }

    private async Task StatusAsync(RoomId room, EventId eventId, string status, string? reason, CancellationToken ct)
    {
        var content = new Dictionary<string, JsonElement>
        {
            ["network"] = JsonSerializer.SerializeToElement(env.Network, MatrixJsonContext.Default.String),
            ["m.relates_to"] = JsonSerializer.SerializeToElement(new RelatesTo { RelType = "m.reference", EventId = eventId }, MatrixJsonContext.Default.RelatesTo),
            ["status"] = JsonSerializer.SerializeToElement(status, MatrixJsonContext.Default.String),
        };
        if (reason is not null)
        {
            content["reason"] = JsonSerializer.SerializeToElement("m_foreign_network_error", MatrixJsonContext.Default.String);
            content["message"] = JsonSerializer.SerializeToElement(reason, MatrixJsonContext.Default.String);
        }

        try
        {
            await env.Intents.Bot.SendEventAsync(room, EventTypes.BeeperMessageSendStatus, content, MatrixJsonContext.Default.DictionaryStringJsonElement, null, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.NoticeFailed(env.LoggerFactory.CreateLogger<FailureNotices>(), e, room.Value);
        }
    }
}
