using System.Text.Json.Nodes;

namespace Bridges.Testing.Homeserver.Http;

/// <summary>The one place Matrix error responses (<c>{"errcode":"M_…","error":"…"}</c>) are made.</summary>
internal static class MatrixError
{
    public static MatrixException Create(int status, string errcode, string error, JsonObject? extra = null) =>
        new(status, errcode, error, extra);

    public static MatrixException Forbidden(string error) => new(403, "M_FORBIDDEN", error);

    public static MatrixException NotFound(string error) => new(404, "M_NOT_FOUND", error);

    public static MatrixException BadJson(string error) => new(400, "M_BAD_JSON", error);

    public static MatrixException NotJson(string error) => new(400, "M_NOT_JSON", error);

    public static MatrixException InvalidParam(string error) => new(400, "M_INVALID_PARAM", error);

    public static MatrixException MissingParam(string error) => new(400, "M_MISSING_PARAM", error);

    public static MatrixException Unrecognized(int status, string error) => new(status, "M_UNRECOGNIZED", error);

    public static MatrixException Exclusive(string error) => new(400, "M_EXCLUSIVE", error);

    public static MatrixException MissingToken() =>
        new(401, "M_MISSING_TOKEN", "Missing access token");

    public static MatrixException UnknownToken() =>
        new(401, "M_UNKNOWN_TOKEN", "Unrecognised access token", new JsonObject { ["soft_logout"] = false });

    public static MatrixException TooLarge(string error) => new(413, "M_TOO_LARGE", error);

    public static MatrixException LimitExceeded(string error, int? retryAfterMs) => new(429, "M_LIMIT_EXCEEDED", error,
        retryAfterMs is { } ms ? new JsonObject { ["retry_after_ms"] = ms } : null);
}
