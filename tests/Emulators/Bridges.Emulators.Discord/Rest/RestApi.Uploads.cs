using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bridges.Emulators.Discord.Validation;
using Bridges.Emulators.Discord.World;
using Microsoft.AspNetCore.Http;

namespace Bridges.Emulators.Discord.Rest;

internal sealed partial class RestApi
{
    /// <summary>The emulated routes that take files (reference, "Uploading Files").</summary>
    private static readonly HashSet<string> UploadOperations = new(StringComparer.Ordinal) { "create_message", "execute_webhook" };

    /// <summary>
    /// A multipart body as Discord takes it: the JSON body as <c>payload_json</c> (checked against the JSON schema by
    /// the caller) and files as <c>files[n]</c>, n below 10. Other form fields are not emulated.
    /// </summary>
    private async Task<(JsonElement? Body, IReadOnlyList<UploadedFile> Files, ApiResult? Refusal)> ReadMultipartAsync(HttpContext context, SpecOperation operation)
    {
        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            Record(SpecViolationKind.Request, operation.Name, $"multipart body is malformed: {e.Message}");
            return (null, [], ApiResult.Error(400, 50035, "Invalid Form Body"));
        }

        if (form.Keys.FirstOrDefault(k => k != "payload_json") is { } other)
        {
            Record(SpecViolationKind.Unsupported, operation.Name, $"form field {other} is not emulated (send the JSON body as payload_json)");
            return (null, [], ApiResult.Error(400, 50035, "Invalid Form Body"));
        }

        JsonElement body;
        try
        {
            using var document = JsonDocument.Parse(form.TryGetValue("payload_json", out var payload) ? payload.ToString() : "{}");
            body = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            Record(SpecViolationKind.Request, operation.Name, $"payload_json is not JSON: {e.Message}");
            return (null, [], ApiResult.Error(400, 50109, "The request body contains invalid JSON."));
        }

        var files = new List<UploadedFile>();
        foreach (var file in form.Files)
        {
            var index = FilePart().Match(file.Name) is { Success: true } m && int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
            if (index is < 0 or > 9 || string.IsNullOrEmpty(file.FileName) || files.Any(f => f.Index == index))
            {
                Record(SpecViolationKind.Request, operation.Name, $"file part {file.Name} ({file.FileName}) is not files[0]…files[9] with a file name");
                return (null, [], ApiResult.Error(400, 50035, "Invalid Form Body"));
            }

            using var data = new MemoryStream();
            await file.CopyToAsync(data, context.RequestAborted).ConfigureAwait(false);
            files.Add(new UploadedFile(index, file.FileName, file.ContentType, data.ToArray()));
        }

        return (body, files, null);
    }

    /// <summary>
    /// The call's files as attachments of a message in <paramref name="guildId"/>: each within the guild's boost-tier
    /// limit (else Discord's 413, code 40005), named by the payload's <c>attachments</c> entry with its index as id.
    /// </summary>
    private ApiResult? Attachments(RestCall call, string guildId, out List<EmulatedAttachment> attachments)
    {
        attachments = [];
        var limit = WorldState.UploadLimit(world.Guilds[guildId].PremiumTier);
        if (call.Files.Any(f => f.Data.Length > limit))
        {
            return ApiResult.Error(413, 40005, "Request entity too large");
        }

        var names = new Dictionary<int, string>();
        if (call.Body is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("attachments", out var described) && described.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in described.EnumerateArray())
            {
                var id = entry.GetProperty("id");
                var index = id.ValueKind == JsonValueKind.String && int.TryParse(id.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i
                    : id.ValueKind == JsonValueKind.Number && id.TryGetInt32(out var j) ? j : -1;
                if (call.Files.All(f => f.Index != index))
                {
                    // An existing attachment's id only means something on edits; on a new message it names no file.
                    return ApiResult.Error(400, 50035, "Invalid Form Body: attachments: Unknown attachment");
                }

                if (entry.TryGetProperty("filename", out var name) && name.ValueKind == JsonValueKind.String)
                {
                    names[index] = name.GetString()!;
                }
            }
        }

        attachments = [.. call.Files.OrderBy(f => f.Index).Select(f => new EmulatedAttachment(world.NextId(), names.GetValueOrDefault(f.Index, f.FileName), f.ContentType, f.Data))];
        return null;
    }

    [GeneratedRegex(@"^files\[([0-9]+)\]$")]
    private static partial Regex FilePart();
}
