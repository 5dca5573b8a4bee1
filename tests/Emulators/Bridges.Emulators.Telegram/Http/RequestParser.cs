using System.Text.Json;
using Bridges.Emulators.Telegram.World;
using Microsoft.AspNetCore.Http;

namespace Bridges.Emulators.Telegram.Http;

/// <summary>
/// Collects a call's parameters from the query string and the body, in the encodings Telegram accepts:
/// <c>application/json</c>, <c>application/x-www-form-urlencoded</c> and <c>multipart/form-data</c>.
/// </summary>
internal static class RequestParser
{
    public static async Task<Dictionary<string, BotApiParameter>> ParseAsync(HttpRequest request, CancellationToken ct)
    {
        var parameters = new Dictionary<string, BotApiParameter>(StringComparer.Ordinal);
        foreach (var (name, values) in request.Query)
        {
            parameters[name] = BotApiParameter.FromText(values[^1] ?? "");
        }

        if (request.HasJsonContentType())
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, ct);
            if (buffer.Length == 0)
            {
                return parameters;
            }

            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(buffer.ToArray());
            }
            catch (JsonException)
            {
                throw BotApiException.BadRequest("can't parse JSON object");
            }

            using (doc)
            {
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw BotApiException.BadRequest("JSON object expected");
                }

                foreach (var property in doc.RootElement.EnumerateObject())
                {
                    parameters[property.Name] = BotApiParameter.FromJson(property.Value);
                }
            }
        }
        else if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(ct);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                throw new BotApiException(413, "Request Entity Too Large");
            }
            catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
            {
                throw BotApiException.BadRequest("can't parse request body");
            }

            foreach (var (name, values) in form)
            {
                parameters[name] = BotApiParameter.FromText(values[^1] ?? "");
            }

            foreach (var file in form.Files)
            {
                using var content = new MemoryStream();
                await file.CopyToAsync(content, ct);
                parameters[file.Name] = BotApiParameter.FromUpload(
                    new BotApiUpload(file.Name, file.FileName, file.ContentType, content.ToArray()));
            }
        }

        return parameters;
    }
}
