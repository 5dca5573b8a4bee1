using System.Text.Json;
using Bridges.Matrix.Events;

namespace Bridges.Matrix.AppService;

/// <summary>Turns a transaction body into an <see cref="AppServiceTransaction"/>, keeping every well-formed event.</summary>
internal static class TransactionParser
{
    private static readonly string[] EphemeralKeys = ["ephemeral", "de.sorunome.msc2409.ephemeral"];
    private static readonly string[] ToDeviceKeys = ["to_device", "de.sorunome.msc2409.to_device"];

    /// <summary>
    /// Null with <paramref name="error"/> when the body is not a transaction. One malformed event does not reject the
    /// whole transaction: rejecting would make the homeserver retry it forever and stall the bridge, so such events
    /// are counted in <paramref name="skipped"/> and logged instead.
    /// </summary>
    public static AppServiceTransaction? Parse(string txnId, JsonElement root, out string? error, out int skipped)
    {
        skipped = 0;
        error = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "The transaction body must be a JSON object.";
            return null;
        }

        if (!root.TryGetProperty("events", out var eventsElement) || eventsElement.ValueKind != JsonValueKind.Array)
        {
            error = "The transaction body must have an 'events' array.";
            return null;
        }

        var events = new List<MatrixEvent>(eventsElement.GetArrayLength());
        var raw = new List<string>(events.Capacity);
        foreach (var element in eventsElement.EnumerateArray())
        {
            var evt = TryReadEvent(element);
            if (evt is null)
            {
                skipped++;
            }
            else
            {
                events.Add(evt);
                raw.Add(element.GetRawText());
            }
        }

        return new AppServiceTransaction(txnId, events, ReadArray(root, EphemeralKeys), ReadArray(root, ToDeviceKeys)) { RawEvents = raw };
    }

    private static MatrixEvent? TryReadEvent(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        try
        {
            var evt = element.Deserialize(MatrixJsonContext.Default.MatrixEvent);
            // Room events need these to be routed at all.
            return evt is null || evt.EventId.Value is null || evt.RoomId.Value is null || evt.Sender.Value is null
                ? null
                : evt with { Content = evt.Content.Clone(), Unsigned = evt.Unsigned?.Clone() };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static List<JsonElement> ReadArray(JsonElement root, string[] keys)
    {
        foreach (var key in keys)
        {
            if (root.TryGetProperty(key, out var array) && array.ValueKind == JsonValueKind.Array)
            {
                return array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).Select(e => e.Clone()).ToList();
            }
        }

        return [];
    }
}
