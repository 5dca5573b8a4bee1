namespace Bridges.Core.Inbox;

/// <summary>A stored inbox item with its sequence number.</summary>
public sealed record InboxEntry(long Sequence, string RoomId, string Json);
