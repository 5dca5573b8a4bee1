using System.Text.Json.Nodes;

namespace Bridges.Emulators.Telegram.World;

/// <summary>An error answer of the Bot API, raised by a method handler and sent as the error envelope.</summary>
internal sealed class BotApiException(int errorCode, string description, JsonObject? parameters = null)
    : Exception(description)
{
    public int ErrorCode { get; } = errorCode;

    public string Description { get; } = description;

    public JsonObject? Parameters { get; } = parameters;

    public static BotApiException BadRequest(string detail, JsonObject? parameters = null) =>
        new(400, "Bad Request: " + detail, parameters);

    public static BotApiException Forbidden(string detail) => new(403, "Forbidden: " + detail);

    public static BotApiException Conflict(string detail) => new(409, "Conflict: " + detail);

    public static BotApiException NotFound() => new(404, "Not Found");

    public static BotApiException Unauthorized() => new(401, "Unauthorized");

    public static BotApiException TooManyRequests(int retryAfter) =>
        new(429, $"Too Many Requests: retry after {retryAfter}", new JsonObject { ["retry_after"] = retryAfter });
}
