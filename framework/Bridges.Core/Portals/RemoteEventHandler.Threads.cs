using Bridges.Core.Content;
using Bridges.Core.Database;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Bridges.Matrix.Events;

namespace Bridges.Core.Portals;

internal sealed partial class RemoteEventHandler
{
    /// <summary>The part id under which a thread's "started a thread" notice is mapped, beside its root's own parts.</summary>
    private const string ThreadNoticePart = "thread";

    /// <summary>
    /// A thread off a bridged message gets a notice inside it that names it; a thread with no starter message gets
    /// its title as the root message. Either way the thread id is in the message map, so its messages find their root.
    /// </summary>
    private async Task<RemoteEventResult> BridgeThreadCreatedAsync(RemoteThreadCreated thread, CancellationToken ct)
    {
        var room = portal.RoomId!.Value;
        var name = NetworkHeaders.SafeLine(thread.Name);
        var known = await env.Stores.Messages.GetPartsAsync(portal.Key, thread.Thread, ct).ConfigureAwait(false);
        var root = thread.Root is { } r ? await FirstPartAsync(r, ct).ConfigureAwait(false) : null;
        var anchored = root is not null;
        if (anchored ? known.Any(p => p.Part.Value == ThreadNoticePart) : known.Count > 0)
        {
            return RemoteEventResult.Duplicate;
        }

        var intent = await SenderIntentAsync(thread.Sender, ct).ConfigureAwait(false);
        MessageContent content;
        string part;
        if (root is not null)
        {
            content = MessageContent.Notice(name is null ? "started a thread" : $"started a thread: {name}")
                with { RelatesTo = RelatesTo.Thread(root.EventId, root.EventId) with { IsFallingBack = true } };
            part = ThreadNoticePart;
        }
        else
        {
            content = ContentConverter.ToMatrixText(new BridgedContent { Subject = name ?? "Thread" }, [])!;
            part = string.Empty;
        }

        var eventId = await intent.SendMessageAsync(room, content, TxnId(env.Network, portal.Key, "thread", thread.Thread.Value, part), ct).ConfigureAwait(false);
        await env.Stores.Messages.TryAddAsync(new MessageRecord
        {
            Portal = portal.Key, RemoteId = thread.Thread, Part = new PartId(part), RoomId = room, EventId = eventId, Sender = thread.Sender.User,
            MatrixSender = intent.UserId, Timestamp = thread.Timestamp, ThreadRoot = root?.RemoteId,
        }, ct).ConfigureAwait(false);
        return RemoteEventResult.Bridged;
    }

    /// <summary>
    /// The Matrix root of a thread: the thread id's own message, or, for a thread that hangs off another message
    /// under an id of its own, that message.
    /// </summary>
    private async Task<MessageRecord?> ThreadRootPartAsync(RemoteMessageId thread, CancellationToken ct)
    {
        var first = await FirstPartAsync(thread, ct).ConfigureAwait(false);
        return first?.ThreadRoot is { } actual && actual != thread ? await FirstPartAsync(actual, ct).ConfigureAwait(false) ?? first : first;
    }
}
