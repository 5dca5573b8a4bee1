namespace Bridges.Core.Inbox;

/// <summary>One room event to store in the inbox.</summary>
/// <param name="RoomId">The room, for per-room ordering.</param>
/// <param name="EventId">The event id.</param>
/// <param name="Json">The event in client format.</param>
public sealed record InboxItem(string RoomId, string EventId, string Json);
