using System.Text.Json.Nodes;

namespace Bridges.Emulators.Discord.Rest;

/// <summary>An answer: status and JSON body (null for 204).</summary>
internal sealed record ApiResult(int Status, JsonNode? Body)
{
    public static ApiResult Ok(JsonNode body) => new(200, body);

    public static ApiResult NoContent { get; } = new(204, null);

    /// <summary>An error in Discord's shape: a message and a JSON error code from the docs' table.</summary>
    public static ApiResult Error(int status, int code, string message) => new(status, new JsonObject { ["message"] = message, ["code"] = code });

    public static ApiResult UnknownChannel { get; } = Error(404, 10003, "Unknown Channel");

    public static ApiResult UnknownMessage { get; } = Error(404, 10008, "Unknown Message");

    public static ApiResult UnknownWebhook { get; } = Error(404, 10015, "Unknown Webhook");
}
