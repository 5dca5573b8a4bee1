using System.Text.Json;

namespace Bridges.Core.Tests.Support;

/// <summary>Small readers for client events as <c>/sync</c> and <c>/messages</c> return them.</summary>
internal static class MatrixEvents
{
    public static string Type(this JsonElement e) => e.GetProperty("type").GetString()!;

    public static string Sender(this JsonElement e) => e.GetProperty("sender").GetString()!;

    public static string Id(this JsonElement e) => e.GetProperty("event_id").GetString()!;

    public static JsonElement Content(this JsonElement e) => e.GetProperty("content");

    public static string? Body(this JsonElement e) =>
        e.GetProperty("content").TryGetProperty("body", out var b) ? b.GetString() : null;

    /// <summary>The event's <c>m.relates_to</c>, if any.</summary>
    public static JsonElement? RelatesTo(this JsonElement e) =>
        e.GetProperty("content").TryGetProperty("m.relates_to", out var r) ? r : null;

    /// <summary>The <c>rel_type</c> of the event's relation, if any.</summary>
    public static string? RelType(this JsonElement e) =>
        e.RelatesTo() is { } r && r.TryGetProperty("rel_type", out var t) ? t.GetString() : null;

    public static bool IsMessage(this JsonElement e, string body) => e.Type() == "m.room.message" && e.Body() == body;
}
