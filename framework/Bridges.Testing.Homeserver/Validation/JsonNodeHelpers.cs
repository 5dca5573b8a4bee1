using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bridges.Testing.Homeserver.Validation;

/// <summary>Comparisons between instance data (<see cref="JsonElement"/>) and schema values (<see cref="JsonNode"/>).</summary>
internal static class JsonNodeHelpers
{
    public static bool TryGetNumber(JsonNode? node, out decimal value)
    {
        value = 0;
        if (node is not JsonValue v)
        {
            return false;
        }

        if (v.TryGetValue<long>(out var l))
        {
            value = l;
            return true;
        }

        if (v.TryGetValue<int>(out var i))
        {
            value = i;
            return true;
        }

        if (v.TryGetValue<decimal>(out var m))
        {
            value = m;
            return true;
        }

        if (v.TryGetValue<double>(out var d) && !double.IsNaN(d) && !double.IsInfinity(d))
        {
            value = (decimal)d;
            return true;
        }

        if (v.TryGetValue<JsonElement>(out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetDecimal(out m))
        {
            value = m;
            return true;
        }

        return false;
    }

    public static string? GetString(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static bool? GetBool(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    public static bool TryGetDecimal(JsonElement element, out decimal value)
    {
        if (element.TryGetDecimal(out value))
        {
            return true;
        }

        // Out of decimal range: compare as double, which is good enough for bounds checks.
        var d = element.GetDouble();
        value = d > 0 ? decimal.MaxValue : decimal.MinValue;
        return true;
    }

    public static bool IsInteger(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Number)
        {
            return false;
        }

        if (element.TryGetInt64(out _))
        {
            return true;
        }

        return element.TryGetDecimal(out var m) ? decimal.Truncate(m) == m : Math.Floor(element.GetDouble()) == element.GetDouble();
    }

    public static bool JsonEquals(JsonElement a, JsonNode? b)
    {
        switch (b)
        {
            case null:
                return a.ValueKind == JsonValueKind.Null;
            case JsonObject obj:
                if (a.ValueKind != JsonValueKind.Object)
                {
                    return false;
                }

                var count = 0;
                foreach (var property in a.EnumerateObject())
                {
                    count++;
                    if (!obj.TryGetPropertyValue(property.Name, out var other) || !JsonEquals(property.Value, other))
                    {
                        return false;
                    }
                }

                return count == obj.Count;
            case JsonArray array:
                if (a.ValueKind != JsonValueKind.Array || a.GetArrayLength() != array.Count)
                {
                    return false;
                }

                var index = 0;
                foreach (var item in a.EnumerateArray())
                {
                    if (!JsonEquals(item, array[index++]))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return a.ValueKind switch
                {
                    JsonValueKind.String => GetString(b) == a.GetString(),
                    JsonValueKind.True => GetBool(b) == true,
                    JsonValueKind.False => GetBool(b) == false,
                    JsonValueKind.Number => TryGetNumber(b, out var n) && TryGetDecimal(a, out var m) && n == m,
                    _ => false,
                };
        }
    }

    public static bool JsonEquals(JsonElement a, JsonElement b) =>
        JsonEquals(a, JsonNode.Parse(b.GetRawText()));

    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => IsInteger(element) ? "integer" : "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "undefined",
    };

    public static string ChildPath(string path, string property)
    {
        foreach (var c in property)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return $"{path}['{property.Replace("'", "\\'", StringComparison.Ordinal)}']";
            }
        }

        return property.Length == 0 ? $"{path}['']" : $"{path}.{property}";
    }
}
