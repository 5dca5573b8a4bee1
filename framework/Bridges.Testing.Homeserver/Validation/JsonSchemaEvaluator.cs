using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static Bridges.Testing.Homeserver.Validation.JsonNodeHelpers;

namespace Bridges.Testing.Homeserver.Validation;

/// <summary>
/// Evaluates the JSON Schema 2020-12 subset the Matrix spec uses. Annotations (<c>description</c>, <c>example</c>,
/// <c>x-*</c>, <c>format</c>, ...) are ignored, as the spec leaves formats to the <c>pattern</c>s next to them.
/// </summary>
internal sealed class JsonSchemaEvaluator(SpecDocumentStore store)
{
    private const int MaxDepth = 200;
    private static readonly ConcurrentDictionary<string, Regex?> Regexes = new(StringComparer.Ordinal);

    public List<SchemaViolation> Validate(SchemaRef schema, JsonElement instance, string path = "$")
    {
        var errors = new List<SchemaViolation>();
        Evaluate(schema, instance, path, errors, 0);
        return errors;
    }

    private bool Evaluate(SchemaRef schema, JsonElement data, string path, List<SchemaViolation> errors, int depth)
    {
        if (depth > MaxDepth)
        {
            // A $ref cycle that consumes no data; stop rather than overflow.
            return true;
        }

        switch (schema.Node)
        {
            case null:
                return true;
            case JsonValue boolean when GetBool(boolean) is { } allowed:
                if (!allowed)
                {
                    errors.Add(new SchemaViolation(path, "false", "no value is allowed here"));
                }

                return allowed;
            case not JsonObject:
                return true;
        }

        var s = (JsonObject)schema.Node;
        var before = errors.Count;

        if (GetString(s["$ref"]) is { } reference)
        {
            Evaluate(store.Resolve(schema.Document, reference), data, path, errors, depth + 1);
        }

        CheckType(s, data, path, errors);
        CheckEnum(s, data, path, errors);
        CheckCombinators(schema, s, data, path, errors, depth);

        switch (data.ValueKind)
        {
            case JsonValueKind.Object:
                CheckObject(schema, s, data, path, errors, depth);
                break;
            case JsonValueKind.Array:
                CheckArray(schema, s, data, path, errors, depth);
                break;
            case JsonValueKind.String:
                CheckString(s, data.GetString()!, path, errors);
                break;
            case JsonValueKind.Number:
                CheckNumber(s, data, path, errors);
                break;
        }

        return errors.Count == before;
    }

    private static void CheckType(JsonObject s, JsonElement data, string path, List<SchemaViolation> errors)
    {
        var type = s["type"];
        if (type is null)
        {
            return;
        }

        var allowed = type is JsonArray list ? list.Select(GetString).ToList() : [GetString(type)];
        var actual = Describe(data);
        var ok = allowed.Any(t => t == actual || (t == "number" && actual == "integer"));
        if (!ok)
        {
            errors.Add(new SchemaViolation(path, "type",
                $"expected {string.Join(" or ", allowed)}, got {actual}"));
        }
    }

    private static void CheckEnum(JsonObject s, JsonElement data, string path, List<SchemaViolation> errors)
    {
        if (s["enum"] is JsonArray values && !values.Any(v => JsonEquals(data, v)))
        {
            errors.Add(new SchemaViolation(path, "enum",
                $"value {Truncate(data.GetRawText())} is not one of {Truncate(values.ToJsonString())}"));
        }

        if (s.TryGetPropertyValue("const", out var constant) && !JsonEquals(data, constant))
        {
            errors.Add(new SchemaViolation(path, "const",
                $"value {Truncate(data.GetRawText())} is not {constant?.ToJsonString() ?? "null"}"));
        }
    }

    private void CheckCombinators(SchemaRef schema, JsonObject s, JsonElement data, string path,
        List<SchemaViolation> errors, int depth)
    {
        if (s["allOf"] is JsonArray allOf)
        {
            foreach (var sub in allOf)
            {
                Evaluate(schema with { Node = sub }, data, path, errors, depth + 1);
            }
        }

        if (s["anyOf"] is JsonArray anyOf)
        {
            var branches = anyOf.Select(sub => Branch(schema with { Node = sub }, data, path, depth)).ToList();
            if (branches.All(b => b.Count > 0))
            {
                errors.Add(new SchemaViolation(path, "anyOf", $"does not match any of the {branches.Count} alternatives"));
                errors.AddRange(branches.MinBy(b => b.Count)!);
            }
        }

        if (s["oneOf"] is JsonArray oneOf)
        {
            var branches = oneOf.Select(sub => Branch(schema with { Node = sub }, data, path, depth)).ToList();
            var matches = branches.Count(b => b.Count == 0);
            if (matches == 0)
            {
                errors.Add(new SchemaViolation(path, "oneOf", $"does not match any of the {branches.Count} alternatives"));
                errors.AddRange(branches.MinBy(b => b.Count)!);
            }
            else if (matches > 1)
            {
                errors.Add(new SchemaViolation(path, "oneOf", $"matches {matches} alternatives, exactly one is allowed"));
            }
        }

        if (s["not"] is { } not && Branch(schema with { Node = not }, data, path, depth).Count == 0)
        {
            errors.Add(new SchemaViolation(path, "not", "matches a schema it must not match"));
        }
    }

    private List<SchemaViolation> Branch(SchemaRef schema, JsonElement data, string path, int depth)
    {
        var branchErrors = new List<SchemaViolation>();
        Evaluate(schema, data, path, branchErrors, depth + 1);
        return branchErrors;
    }

    private void CheckObject(SchemaRef schema, JsonObject s, JsonElement data, string path,
        List<SchemaViolation> errors, int depth)
    {
        var properties = s["properties"] as JsonObject;
        var patternProperties = s["patternProperties"] as JsonObject;

        if (s["required"] is JsonArray required)
        {
            foreach (var name in required.Select(GetString))
            {
                if (name is not null && !data.TryGetProperty(name, out _))
                {
                    errors.Add(new SchemaViolation(ChildPath(path, name), "required",
                        $"required property '{name}' is missing"));
                }
            }
        }

        var count = 0;
        foreach (var property in data.EnumerateObject())
        {
            count++;
            var childPath = ChildPath(path, property.Name);
            var matched = false;
            if (properties is not null && properties.TryGetPropertyValue(property.Name, out var propertySchema))
            {
                matched = true;
                Evaluate(schema with { Node = propertySchema }, property.Value, childPath, errors, depth + 1);
            }

            if (patternProperties is not null)
            {
                foreach (var (pattern, patternSchema) in patternProperties)
                {
                    if (GetRegex(pattern) is { } regex && regex.IsMatch(property.Name))
                    {
                        matched = true;
                        Evaluate(schema with { Node = patternSchema }, property.Value, childPath, errors, depth + 1);
                    }
                }
            }

            if (!matched && s.TryGetPropertyValue("additionalProperties", out var additional) && additional is not null)
            {
                if (GetBool(additional) == false)
                {
                    errors.Add(new SchemaViolation(childPath, "additionalProperties",
                        $"property '{property.Name}' is not allowed"));
                }
                else
                {
                    Evaluate(schema with { Node = additional }, property.Value, childPath, errors, depth + 1);
                }
            }

            if (s["propertyNames"] is { } names)
            {
                using var nameDoc = JsonDocument.Parse(JsonSerializer.Serialize(property.Name));
                Evaluate(schema with { Node = names }, nameDoc.RootElement.Clone(), childPath, errors, depth + 1);
            }
        }

        if (TryGetNumber(s["minProperties"], out var minProperties) && count < minProperties)
        {
            errors.Add(new SchemaViolation(path, "minProperties", $"has {count} properties, at least {minProperties} required"));
        }

        if (TryGetNumber(s["maxProperties"], out var maxProperties) && count > maxProperties)
        {
            errors.Add(new SchemaViolation(path, "maxProperties", $"has {count} properties, at most {maxProperties} allowed"));
        }
    }

    private void CheckArray(SchemaRef schema, JsonObject s, JsonElement data, string path,
        List<SchemaViolation> errors, int depth)
    {
        var length = data.GetArrayLength();
        if (s["items"] is { } items)
        {
            var index = 0;
            foreach (var item in data.EnumerateArray())
            {
                Evaluate(schema with { Node = items }, item, $"{path}[{index++}]", errors, depth + 1);
            }
        }

        if (TryGetNumber(s["minItems"], out var minItems) && length < minItems)
        {
            errors.Add(new SchemaViolation(path, "minItems", $"has {length} items, at least {minItems} required"));
        }

        if (TryGetNumber(s["maxItems"], out var maxItems) && length > maxItems)
        {
            errors.Add(new SchemaViolation(path, "maxItems", $"has {length} items, at most {maxItems} allowed"));
        }

        if (GetBool(s["uniqueItems"]) == true)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in data.EnumerateArray())
            {
                if (!seen.Add(JsonNode.Parse(item.GetRawText())?.ToJsonString() ?? "null"))
                {
                    errors.Add(new SchemaViolation(path, "uniqueItems", "items are not unique"));
                    break;
                }
            }
        }
    }

    private static void CheckString(JsonObject s, string value, string path, List<SchemaViolation> errors)
    {
        var length = value.EnumerateRunes().Count();
        if (TryGetNumber(s["minLength"], out var minLength) && length < minLength)
        {
            errors.Add(new SchemaViolation(path, "minLength", $"string has {length} characters, at least {minLength} required"));
        }

        if (TryGetNumber(s["maxLength"], out var maxLength) && length > maxLength)
        {
            errors.Add(new SchemaViolation(path, "maxLength", $"string has {length} characters, at most {maxLength} allowed"));
        }

        if (GetString(s["pattern"]) is { } pattern && GetRegex(pattern) is { } regex && !regex.IsMatch(value))
        {
            errors.Add(new SchemaViolation(path, "pattern", $"'{Truncate(value)}' does not match /{pattern}/"));
        }
    }

    private static void CheckNumber(JsonObject s, JsonElement data, string path, List<SchemaViolation> errors)
    {
        TryGetDecimal(data, out var value);
        var shown = value.ToString(CultureInfo.InvariantCulture);
        if (TryGetNumber(s["minimum"], out var minimum) && value < minimum)
        {
            errors.Add(new SchemaViolation(path, "minimum", $"{shown} is less than {minimum}"));
        }

        if (TryGetNumber(s["maximum"], out var maximum) && value > maximum)
        {
            errors.Add(new SchemaViolation(path, "maximum", $"{shown} is greater than {maximum}"));
        }

        if (TryGetNumber(s["exclusiveMinimum"], out var exclusiveMinimum) && value <= exclusiveMinimum)
        {
            errors.Add(new SchemaViolation(path, "exclusiveMinimum", $"{shown} is not greater than {exclusiveMinimum}"));
        }

        if (TryGetNumber(s["exclusiveMaximum"], out var exclusiveMaximum) && value >= exclusiveMaximum)
        {
            errors.Add(new SchemaViolation(path, "exclusiveMaximum", $"{shown} is not less than {exclusiveMaximum}"));
        }
    }

    private static Regex? GetRegex(string pattern) => Regexes.GetOrAdd(pattern, static p =>
    {
        try
        {
            return new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            // An ECMAScript construct .NET does not know: skip the check rather than report a false violation.
            return null;
        }
    });

    private static string Truncate(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
