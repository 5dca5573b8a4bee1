using Bridges.Core.Network;
using Bridges.Core.Network.Ids;

namespace Bridges.Loopback;

/// <summary>
/// Something that happened on the network and is queued for the bridge. It counts as delivered once the bridge
/// acknowledged its push (the <see cref="IRemoteEventSink.PushAsync"/> result); until then it is pushed again
/// whenever the bridge (re)connects.
/// </summary>
public sealed class LoopbackEvent
{
    private readonly TaskCompletionSource<RemoteEventResult> _acknowledged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal LoopbackEvent(LoopbackChat chat, string author, RemoteMessageId? messageId, DateTimeOffset timestamp, Func<EventSender, DateTimeOffset, RemoteEvent> build)
    {
        Chat = chat;
        Author = author;
        MessageId = messageId;
        Timestamp = timestamp;
        Build = build;
    }

    /// <summary>The chat it happened in.</summary>
    public LoopbackChat Chat { get; }

    /// <summary>The account that did it.</summary>
    public string Author { get; }

    /// <summary>For a new message: its id on the network.</summary>
    public RemoteMessageId? MessageId { get; }

    /// <summary>When it happened (fixed, so a repeated push carries the same time).</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>Completes with the bridge's answer once a push was acknowledged.</summary>
    public Task<RemoteEventResult> Acknowledged => _acknowledged.Task;

    /// <summary>How often it was pushed (more than once after a crash or a failed push).</summary>
    public int Deliveries { get; internal set; }

    internal Func<EventSender, DateTimeOffset, RemoteEvent> Build { get; }

    internal void Acknowledge(RemoteEventResult result) => _acknowledged.TrySetResult(result);
}
