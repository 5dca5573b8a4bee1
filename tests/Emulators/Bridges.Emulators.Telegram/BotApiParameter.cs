using System.Text.Json;

namespace Bridges.Emulators.Telegram;

/// <summary>
/// One request parameter as it arrived: a JSON value (from an <c>application/json</c> body), a text value (query
/// string, <c>application/x-www-form-urlencoded</c> or a multipart text part) or an uploaded file. Text values are
/// coerced to the declared type before validation, as Telegram does: numbers and booleans as their text, objects
/// and arrays as JSON text.
/// </summary>
public sealed class BotApiParameter
{
    private BotApiParameter(JsonElement? json, string? text, BotApiUpload? upload)
    {
        Json = json;
        Text = text;
        Upload = upload;
    }

    /// <summary>The value from a JSON body, if it came as JSON.</summary>
    public JsonElement? Json { get; }

    /// <summary>The value from a form encoding or query string, if it came as text.</summary>
    public string? Text { get; }

    /// <summary>The uploaded file, if this parameter is a file part.</summary>
    public BotApiUpload? Upload { get; }

    /// <summary>A value taken from a JSON body.</summary>
    public static BotApiParameter FromJson(JsonElement value) => new(value.Clone(), null, null);

    /// <summary>A value taken from a form encoding or the query string.</summary>
    public static BotApiParameter FromText(string value) => new(null, value, null);

    /// <summary>A file part of a multipart body.</summary>
    public static BotApiParameter FromUpload(BotApiUpload upload) => new(null, null, upload);

    /// <inheritdoc />
    public override string ToString() =>
        Json?.GetRawText() ?? Text ?? $"<file {Upload!.FileName} ({Upload.Content.Length} bytes)>";
}
