using System.Text.Json.Nodes;
using Bridges.Testing.Homeserver.Model;
using Microsoft.AspNetCore.Http;

namespace Bridges.Testing.Homeserver.Http;

/// <summary>One request as the handlers see it: decoded path parameters, query, parsed body, requester.</summary>
internal sealed class RequestContext(HttpContext http, string method, string rawPath, Dictionary<string, string> parameters)
{
    public HttpContext Http { get; } = http;

    public string Method { get; } = method;

    /// <summary>The path as sent (percent-encoded), without query; idempotency keys use it.</summary>
    public string RawPath { get; } = rawPath;

    public Dictionary<string, string> Parameters { get; } = parameters;

    public JsonNode? Body { get; init; }

    public byte[] RawBody { get; init; } = [];

    public Requester? Requester { get; set; }

    public Requester User => Requester ?? throw new InvalidOperationException("route is not authenticated");

    public JsonObject BodyObject => Body as JsonObject ?? [];

    public string Param(string name) => Parameters[name];

    public string? Query(string name) =>
        Http.Request.Query.TryGetValue(name, out var values) && values.Count > 0 ? values[^1] : null;

    public int QueryInt(string name, int fallback) =>
        int.TryParse(Query(name), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : fallback;

    /// <summary>
    /// The <c>ts</c> query parameter of an appservice request (timestamp massaging): like Synapse, it becomes the
    /// event's <c>origin_server_ts</c>; from anyone else it is ignored.
    /// </summary>
    public long? AppServiceTs() =>
        Requester?.AppService is not null && long.TryParse(Query("ts"), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var ts) && ts >= 0
            ? ts
            : null;

    public string? BodyString(string name) =>
        BodyObject[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public bool? BodyBool(string name) =>
        BodyObject[name] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;
}
