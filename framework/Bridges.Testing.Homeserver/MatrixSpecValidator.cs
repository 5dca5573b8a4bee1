using System.Text.Json;
using System.Text.Json.Nodes;
using Bridges.Testing.Homeserver.Validation;
using Microsoft.AspNetCore.WebUtilities;
using static Bridges.Testing.Homeserver.Validation.JsonNodeHelpers;

namespace Bridges.Testing.Homeserver;

/// <summary>
/// Checks Matrix requests, responses and events against the Matrix spec (v1.19) embedded in this assembly: the
/// OpenAPI files of the Client-Server and Application Service APIs and the event schemas. Thread-safe; the spec is
/// loaded lazily on first use.
/// </summary>
public sealed class MatrixSpecValidator
{
    /// <summary>The <see cref="SchemaViolation.Rule"/> used when no operation matches the path.</summary>
    public const string UnknownEndpointRule = "endpoint";

    /// <summary>The <see cref="SchemaViolation.Rule"/> used when the path exists but not with the method.</summary>
    public const string MethodNotAllowedRule = "method";

    private const string ErrorSchema = "api/client-server/definitions/errors/error.yaml";
    private static readonly Lazy<MatrixSpecValidator> LazyShared = new(() => new MatrixSpecValidator());

    private readonly SpecDocumentStore _store = new();
    private readonly JsonSchemaEvaluator _evaluator;
    private readonly Lazy<OperationIndex> _index;

    /// <summary>Creates a validator over the embedded spec.</summary>
    public MatrixSpecValidator()
    {
        _evaluator = new JsonSchemaEvaluator(_store);
        _index = new Lazy<OperationIndex>(() => new OperationIndex(_store));
    }

    /// <summary>A process-wide instance, so the spec is parsed once.</summary>
    public static MatrixSpecValidator Shared => LazyShared.Value;

    /// <summary>
    /// Validates a request: the endpoint must exist for the method, path and query parameters must match their
    /// schemas, and the JSON body must match the operation's <c>application/json</c> request body schema.
    /// </summary>
    /// <param name="method">HTTP method.</param>
    /// <param name="path">Full request path as sent (percent-encoded), optionally with a query string.</param>
    /// <param name="body">The parsed JSON body, or null when there is none.</param>
    public SpecValidationResult ValidateRequest(string method, string path, JsonElement? body)
    {
        var (rawPath, query) = SplitQuery(path);
        var operations = _index.Value.Find(method, rawPath, out var pathKnown);
        if (operations.Count == 0)
        {
            return NotFound(method, rawPath, pathKnown);
        }

        List<SchemaViolation>? first = null;
        foreach (var (operation, values) in operations)
        {
            var errors = new List<SchemaViolation>();
            CheckParameters(operation, values, query, errors);
            CheckRequestBody(operation, body, errors);
            if (errors.Count == 0)
            {
                return new SpecValidationResult(operation.OperationId, errors);
            }

            first ??= errors;
        }

        return new SpecValidationResult(operations[0].Operation.OperationId, first!);
    }

    /// <summary>Validates a JSON response body against the schema the spec gives for the status code.</summary>
    public SpecValidationResult ValidateResponse(string method, string path, int status, JsonElement? body)
    {
        var (rawPath, _) = SplitQuery(path);
        var operations = _index.Value.Find(method, rawPath, out var pathKnown);
        if (operations.Count == 0)
        {
            return NotFound(method, rawPath, pathKnown);
        }

        List<SchemaViolation>? first = null;
        foreach (var (operation, _) in operations)
        {
            var errors = CheckResponse(operation, status, body);
            if (errors.Count == 0)
            {
                return new SpecValidationResult(operation.OperationId, errors);
            }

            first ??= errors;
        }

        return new SpecValidationResult(operations[0].Operation.OperationId, first!);
    }

    /// <summary>
    /// Validates a whole event (envelope and content) against <c>event-schemas/schema/&lt;type&gt;.yaml</c>; for
    /// <c>m.room.message</c> the schema of its <c>msgtype</c> is used when the spec has one. Unknown event types pass.
    /// Redacted events (with <c>unsigned.redacted_because</c>) are checked against the envelope only.
    /// </summary>
    public SpecValidationResult ValidateEvent(JsonElement fullEvent)
    {
        if (fullEvent.ValueKind != JsonValueKind.Object)
        {
            return new SpecValidationResult(null, [new SchemaViolation("$", "type", "an event must be an object")]);
        }

        if (!fullEvent.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
        {
            return new SpecValidationResult(null, [new SchemaViolation("$.type", "required", "an event needs a string 'type'")]);
        }

        var schemaPath = EventSchemaPath(fullEvent, typeElement.GetString()!);
        return schemaPath is null ? new SpecValidationResult(null, []) : ValidateSchema(schemaPath, fullEvent);
    }

    /// <summary>
    /// Validates <paramref name="instance"/> against any schema file of the embedded spec, addressed relative to
    /// <c>specs/matrix/data</c>, e.g. <c>api/application-service/definitions/registration.yaml</c>.
    /// </summary>
    public SpecValidationResult ValidateSchema(string schemaPath, JsonElement instance)
    {
        if (!_store.Exists(schemaPath))
        {
            throw new ArgumentException($"no schema {schemaPath} in the embedded spec", nameof(schemaPath));
        }

        var errors = _evaluator.Validate(new SchemaRef(schemaPath, _store.GetDocument(schemaPath)), instance);
        return new SpecValidationResult(schemaPath, errors);
    }

    /// <summary>True when the spec defines an operation for the method and path (query ignored).</summary>
    public bool IsSpecEndpoint(string method, string path) =>
        _index.Value.Find(method, SplitQuery(path).Path, out _).Count > 0;

    private string? EventSchemaPath(JsonElement fullEvent, string type)
    {
        if (fullEvent.TryGetProperty("unsigned", out var unsigned) && unsigned.ValueKind == JsonValueKind.Object &&
            unsigned.TryGetProperty("redacted_because", out _))
        {
            return fullEvent.TryGetProperty("state_key", out _)
                ? "event-schemas/schema/core-event-schema/state_event.yaml"
                : "event-schemas/schema/core-event-schema/room_event.yaml";
        }

        if (type == "m.room.message" && fullEvent.TryGetProperty("content", out var content) &&
            content.ValueKind == JsonValueKind.Object && content.TryGetProperty("msgtype", out var msgtype) &&
            msgtype.ValueKind == JsonValueKind.String)
        {
            var specific = $"event-schemas/schema/m.room.message${msgtype.GetString()}.yaml";
            if (_store.Exists(specific))
            {
                return specific;
            }
        }

        var path = $"event-schemas/schema/{type}.yaml";
        return type.Contains('/', StringComparison.Ordinal) || !_store.Exists(path) ? null : path;
    }

    private void CheckParameters(SpecOperation operation, Dictionary<string, string> pathValues,
        Dictionary<string, Microsoft.Extensions.Primitives.StringValues> query, List<SchemaViolation> errors)
    {
        foreach (var raw in operation.Parameters)
        {
            var parameter = _store.Deref(new SchemaRef(operation.Operation.Document, raw));
            if (parameter.Node is not JsonObject p || GetString(p["name"]) is not { } name)
            {
                continue;
            }

            var location = GetString(p["in"]);
            string? value = null;
            if (location == "path")
            {
                pathValues.TryGetValue(name, out value);
            }
            else if (location == "query" && query.TryGetValue(name, out var values))
            {
                value = values.Count > 0 ? values[^1] : "";
            }
            else if (location != "query")
            {
                continue;
            }

            var where = $"{location} parameter '{name}'";
            if (value is null)
            {
                if (GetBool(p["required"]) == true)
                {
                    errors.Add(new SchemaViolation(where, "required", $"required {where} is missing"));
                }

                continue;
            }

            var schema = _store.Deref(parameter with { Node = p["schema"] });
            if (schema.Node is JsonObject s && GetString(s["type"]) != "array")
            {
                errors.AddRange(_evaluator.Validate(schema, Coerce(value, GetString(s["type"])), where));
            }
        }
    }

    private void CheckRequestBody(SpecOperation operation, JsonElement? body, List<SchemaViolation> errors)
    {
        var requestBody = _store.Deref(operation.Operation with { Node = operation.Operation.Node?["requestBody"] });
        if (requestBody.Node is not JsonObject rb || rb["content"]?["application/json"] is not JsonObject media)
        {
            return;
        }

        if (body is null || body.Value.ValueKind == JsonValueKind.Undefined)
        {
            if (GetBool(rb["required"]) == true)
            {
                errors.Add(new SchemaViolation("$", "requestBody", "a JSON request body is required"));
            }

            return;
        }

        errors.AddRange(_evaluator.Validate(requestBody with { Node = media["schema"] }, body.Value));
    }

    private List<SchemaViolation> CheckResponse(SpecOperation operation, int status, JsonElement? body)
    {
        var responses = _store.Deref(operation.Operation with { Node = operation.Operation.Node?["responses"] });
        var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var entry = responses.Node?[code] ?? responses.Node?[$"{status / 100}XX"] ?? responses.Node?["default"];
        SchemaRef schema;
        if (entry is null)
        {
            if (status < 400)
            {
                return [new SchemaViolation("$", "status", $"status {status} is not documented for {operation.OperationId}")];
            }

            schema = new SchemaRef(ErrorSchema, _store.GetDocument(ErrorSchema));
        }
        else
        {
            var response = _store.Deref(responses with { Node = entry });
            if (response.Node?["content"]?["application/json"] is not JsonObject media)
            {
                return [];
            }

            schema = response with { Node = media["schema"] };
        }

        if (body is null || body.Value.ValueKind == JsonValueKind.Undefined)
        {
            return [new SchemaViolation("$", "responseBody", $"status {status} needs a JSON body")];
        }

        return _evaluator.Validate(schema, body.Value);
    }

    private static JsonElement Coerce(string value, string? type)
    {
        var json = type switch
        {
            "integer" or "number" when decimal.TryParse(value, System.Globalization.NumberStyles.Float,
                System.Globalization.CultureInfo.InvariantCulture, out _) => value,
            "boolean" when value is "true" or "false" => value,
            _ => JsonSerializer.Serialize(value),
        };
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static (string Path, Dictionary<string, Microsoft.Extensions.Primitives.StringValues> Query) SplitQuery(string path)
    {
        var q = path.IndexOf('?', StringComparison.Ordinal);
        return q < 0 ? (path, []) : (path[..q], QueryHelpers.ParseQuery(path[q..]));
    }

    private static SpecValidationResult NotFound(string method, string path, bool pathKnown) => new(null,
        pathKnown
            ? [new SchemaViolation("request", MethodNotAllowedRule, $"the spec has no {method} operation for {path}")]
            : [new SchemaViolation("request", UnknownEndpointRule, $"{method} {path} is not an endpoint of the Matrix spec")]);
}
