using Bridges.Core.Network.Ids;

namespace Bridges.Core.Network;

/// <summary>
/// A thread was started: a Discord thread off a message, a forum post, a new email subject. Messages in it carry
/// <see cref="Content.BridgedContent.ThreadRoot"/> = <paramref name="Thread"/>.
/// </summary>
/// <param name="Portal">The chat the thread belongs to.</param>
/// <param name="Sender">Who started it.</param>
/// <param name="Timestamp">When.</param>
/// <param name="Thread">The thread's id, as later messages name it.</param>
/// <param name="Name">The thread's title, if it has one.</param>
/// <param name="Root">The already-bridged message the thread hangs from, or null when the thread has no starter
/// message of its own (a forum post): then the core posts the title as the thread's root.</param>
public sealed record RemoteThreadCreated(PortalKey Portal, EventSender Sender, DateTimeOffset Timestamp, RemoteMessageId Thread, string? Name,
    RemoteMessageId? Root = null) : RemoteEvent(Portal, Sender, Timestamp)
{
    /// <summary>A forum post can be the first thing seen of a forum channel.</summary>
    public override bool CreatesPortal => true;
}
