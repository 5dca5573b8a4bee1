using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Bridges.Emulators.Discord.Validation;

/// <summary>
/// Checks a JSON value against the JSON Schema 2020-12 subset Discord's OpenAPI file uses: <c>$ref</c> into
/// <c>#/components/schemas</c>, <c>type</c> (with type lists for nullables), <c>enum</c>/<c>const</c>, the three
/// combinators, object <c>properties</c>/<c>required</c>/<c>additionalProperties</c>, array <c>items</c> and counts,
/// string lengths and patterns, and numeric bounds. Annotations (<c>format</c>, <c>title</c>, <c>x-*</c>) are ignored.
/// </summary>
internal sealed class SchemaChecker(JsonObject root)
{
    private const int MaxDepth = 64;
    private static readonly ConcurrentDictionary<string, Regex> Regexes = new(StringComparer.Ordinal);

    public List<string> Check(JsonNode? schema, JsonElement value, string path = "$")
    {
        var errors = new List<string>();
        Evaluate(schema, value, path, errors, 0);
        return errors;
    }

    private void Evaluate(JsonNode? node, JsonElement data, string path, List<string> errors, int depth)
    {
        if (node is not JsonObject s || depth > MaxDepth)
        {
            return;
        }

        if (s["$ref"]?.GetValue<string>() is { } reference)
        {
            Evaluate(Resolve(reference), data, path, errors, depth + 1);
        }

        if (s["type"] is { } type)
        {
            var allowed = type is JsonArray list ? list.Select(t => t!.GetValue<string>()).ToList() : [type.GetValue<string>()];
            var actual = Describe(data);
            if (!allowed.Any(t => t == actual || (t == "number" && actual == "integer")))
            {
                errors.Add($"{path}: expected {string.Join(" or ", allowed)}, got {actual}");
                return;
            }
        }

        if (s["enum"] is JsonArray values && !values.Any(v => Same(data, v)))
        {
            errors.Add($"{path}: {data.GetRawText()} is not one of {values.ToJsonString()}");
        }

        if (s.TryGetPropertyValue("const", out var constant) && !Same(data, constant))
        {
            errors.Add($"{path}: {data.GetRawText()} is not {constant?.ToJsonString() ?? "null"}");
        }

        if (s["allOf"] is JsonArray allOf)
        {
            foreach (var sub in allOf)
            {
                Evaluate(sub, data, path, errors, depth + 1);
            }
        }

        if (s["anyOf"] is JsonArray anyOf)
        {
            var branches = anyOf.Select(sub => Branch(sub, data, path, depth)).ToList();
            if (branches.All(b => b.Count > 0))
            {
                errors.Add($"{path}: matches none of {branches.Count} alternatives");
                errors.AddRange(branches.MinBy(b => b.Count)!);
            }
        }

        if (s["oneOf"] is JsonArray oneOf)
        {
            var branches = oneOf.Select(sub => Branch(sub, data, path, depth)).ToList();
            var matches = branches.Count(b => b.Count == 0);
            if (matches == 0)
            {
                errors.Add($"{path}: matches none of {branches.Count} alternatives");
                errors.AddRange(branches.MinBy(b => b.Count)!);
            }
            else if (matches > 1)
            {
                errors.Add($"{path}: matches {matches} alternatives where exactly one is allowed");
            }
        }

        switch (data.ValueKind)
        {
            case JsonValueKind.Object:
                CheckObject(s, data, path, errors, depth);
                break;
            case JsonValueKind.Array:
                CheckArray(s, data, path, errors, depth);
                break;
            case JsonValueKind.String:
                CheckString(s, data.GetString()!, path, errors);
                break;
            case JsonValueKind.Number:
                CheckNumber(s, data.GetDecimal(), path, errors);
                break;
        }
    }

    private List<string> Branch(JsonNode? sub, JsonElement data, string path, int depth)
    {
        var errors = new List<string>();
        Evaluate(sub, data, path, errors, depth + 1);
        return errors;
    }

    private void CheckObject(JsonObject s, JsonElement data, string path, List<string> errors, int depth)
    {
        var properties = s["properties"] as JsonObject;
        if (s["required"] is JsonArray required)
        {
            foreach (var name in required.Select(r => r!.GetValue<string>()))
            {
                if (!data.TryGetProperty(name, out _))
                {
                    errors.Add($"{path}.{name}: required property is missing");
                }
            }
        }

        var count = 0;
        foreach (var property in data.EnumerateObject())
        {
            count++;
            if (properties is not null && properties.TryGetPropertyValue(property.Name, out var propertySchema))
            {
                Evaluate(propertySchema, property.Value, $"{path}.{property.Name}", errors, depth + 1);
            }
            else if (s.TryGetPropertyValue("additionalProperties", out var additional) && additional is not null)
            {
                if (additional is JsonValue flag && flag.TryGetValue<bool>(out var allowed))
                {
                    if (!allowed)
                    {
                        errors.Add($"{path}.{property.Name}: property is not allowed");
                    }
                }
                else
                {
                    Evaluate(additional, property.Value, $"{path}.{property.Name}", errors, depth + 1);
                }
            }
        }

        if (Number(s["minProperties"]) is { } min && count < min)
        {
            errors.Add($"{path}: has {count} properties, at least {min} required");
        }

        if (Number(s["maxProperties"]) is { } max && count > max)
        {
            errors.Add($"{path}: has {count} properties, at most {max} allowed");
        }
    }

    private void CheckArray(JsonObject s, JsonElement data, string path, List<string> errors, int depth)
    {
        var length = data.GetArrayLength();
        if (s["items"] is { } items)
        {
            var index = 0;
            foreach (var item in data.EnumerateArray())
            {
                Evaluate(items, item, $"{path}[{index++}]", errors, depth + 1);
            }
        }

        if (Number(s["minItems"]) is { } min && length < min)
        {
            errors.Add($"{path}: has {length} items, at least {min} required");
        }

        if (Number(s["maxItems"]) is { } max && length > max)
        {
            errors.Add($"{path}: has {length} items, at most {max} allowed");
        }

        if (s["uniqueItems"] is JsonValue unique && unique.TryGetValue<bool>(out var mustBeUnique) && mustBeUnique
            && data.EnumerateArray().Select(i => i.GetRawText()).Distinct(StringComparer.Ordinal).Count() != length)
        {
            errors.Add($"{path}: items are not unique");
        }
    }

    private static void CheckString(JsonObject s, string value, string path, List<string> errors)
    {
        var length = value.EnumerateRunes().Count();
        if (Number(s["minLength"]) is { } min && length < min)
        {
            errors.Add($"{path}: {length} characters, at least {min} required");
        }

        if (Number(s["maxLength"]) is { } max && length > max)
        {
            errors.Add($"{path}: {length} characters, at most {max} allowed");
        }

        if (s["pattern"]?.GetValue<string>() is { } pattern
            && !Regexes.GetOrAdd(pattern, p => new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))).IsMatch(value))
        {
            errors.Add($"{path}: '{value}' does not match /{pattern}/");
        }
    }

    private static void CheckNumber(JsonObject s, decimal value, string path, List<string> errors)
    {
        var shown = value.ToString(CultureInfo.InvariantCulture);
        if (Number(s["minimum"]) is { } min && value < min)
        {
            errors.Add($"{path}: {shown} is less than {min}");
        }

        if (Number(s["maximum"]) is { } max && value > max)
        {
            errors.Add($"{path}: {shown} is greater than {max}");
        }
    }

    private JsonNode? Resolve(string reference)
    {
        // Discord's file is self-contained: every $ref is a JSON pointer into it.
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new NotSupportedException($"external $ref {reference}");
        }

        JsonNode? node = root;
        foreach (var part in reference[2..].Split('/'))
        {
            node = node?[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
        }

        return node ?? throw new InvalidOperationException($"unresolved $ref {reference}");
    }

    private static decimal? Number(JsonNode? node) => node is JsonValue v && v.TryGetValue<decimal>(out var d) ? d
        : node is JsonValue i && i.TryGetValue<long>(out var l) ? l : null;

    private static string Describe(JsonElement data) => data.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => data.TryGetInt64(out _) || (data.TryGetDecimal(out var d) && d == decimal.Truncate(d)) ? "integer" : "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    private static bool Same(JsonElement data, JsonNode? expected) => expected is null
        ? data.ValueKind == JsonValueKind.Null
        : JsonNode.DeepEquals(JsonNode.Parse(data.GetRawText()), expected);
}
