using System.Text.Json.Nodes;

namespace Bridges.Tests.Shared;

/// <summary>Builds transaction bodies in the shape the Application Service API specifies.</summary>
internal static class Txn
{
    public static JsonObject Message(string roomId, string eventId, string body, string sender = "@alice:example.org") => new()
    {
        ["type"] = "m.room.message",
        ["event_id"] = eventId,
        ["room_id"] = roomId,
        ["sender"] = sender,
        ["origin_server_ts"] = 1_700_000_000_000,
        ["content"] = new JsonObject { ["msgtype"] = "m.text", ["body"] = body },
    };

    public static JsonObject Body(params JsonNode[] events) => new() { ["events"] = new JsonArray(events) };
}
