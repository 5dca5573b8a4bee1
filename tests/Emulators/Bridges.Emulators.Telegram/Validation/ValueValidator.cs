using System.Text.Json;

namespace Bridges.Emulators.Telegram.Validation;

/// <summary>
/// Checks one JSON value against type expressions from the spec: primitives, <c>Array of X</c>, object types
/// (unknown, missing and mistyped fields, fixed values) and unions, whose members are told apart by their
/// discriminator fields so that the error report names the member the value was meant to be.
/// </summary>
internal sealed class ValueValidator(BotApiSpec spec, IReadOnlySet<string>? uploads)
{
    private const string ArrayPrefix = "Array of ";
    private const string AttachPrefix = "attach://";

    public void Validate(JsonElement value, IReadOnlyList<string> types, string path, List<string> errors)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            errors.Add($"{path}: must not be null (omit the field instead)");
            return;
        }

        if (types.Count == 1)
        {
            ValidateOne(value, types[0], path, errors);
            return;
        }

        var plausible = new List<List<string>>();
        foreach (var type in types)
        {
            var scratch = new List<string>();
            ValidateOne(value, type, path, scratch);
            if (scratch.Count == 0)
            {
                return;
            }

            if (IsPlausible(value, type))
            {
                plausible.Add(scratch);
            }
        }

        if (plausible.Count == 1)
        {
            errors.AddRange(plausible[0]);
            return;
        }

        errors.Add($"{path}: expected {string.Join(" or ", types)}, got {Describe(value)}");
        if (plausible.Count > 1)
        {
            errors.AddRange(plausible.MinBy(p => p.Count)!);
        }
    }

    public static void CheckAllowedValue(JsonElement value, BotApiField field, string path, List<string> errors)
    {
        if (field.AllowedValues is { } allowed && value.ValueKind == JsonValueKind.String
            && !allowed.Contains(value.GetString()!, StringComparer.Ordinal))
        {
            var shown = allowed.Count <= 8 ? string.Join(", ", allowed.Select(a => $"\"{a}\"")) : $"{allowed.Count} listed values";
            errors.Add($"{path}: \"{value.GetString()}\" is not allowed (expected {shown})");
        }
    }

    public static string Describe(JsonElement value)
    {
        var raw = value.GetRawText();
        return raw.Length <= 40 ? raw : raw[..37] + "...";
    }

    private void ValidateOne(JsonElement value, string type, string path, List<string> errors)
    {
        switch (type)
        {
            case "Integer":
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out _))
                {
                    errors.Add($"{path}: expected Integer, got {Describe(value)}");
                }

                return;
            case "Float":
                if (value.ValueKind != JsonValueKind.Number)
                {
                    errors.Add($"{path}: expected Float, got {Describe(value)}");
                }

                return;
            case "String":
                if (value.ValueKind != JsonValueKind.String)
                {
                    errors.Add($"{path}: expected String, got {Describe(value)}");
                }

                return;
            case "Boolean":
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    errors.Add($"{path}: expected Boolean, got {Describe(value)}");
                }

                return;
            case "InputFile":
                ValidateInputFile(value, path, errors);
                return;
        }

        if (type.StartsWith(ArrayPrefix, StringComparison.Ordinal))
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                errors.Add($"{path}: expected {type}, got {Describe(value)}");
                return;
            }

            var inner = type[ArrayPrefix.Length..];
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                Validate(item, [inner], $"{path}[{i++}]", errors);
            }

            return;
        }

        if (!spec.Types.TryGetValue(type, out var definition))
        {
            errors.Add($"{path}: the spec has no type {type}");
            return;
        }

        if (definition.Subtypes.Count > 0)
        {
            var scratch = new List<string>();
            Validate(value, definition.Subtypes, path, scratch);
            if (scratch.Count > 0)
            {
                errors.Add($"{path}: not a valid {type}");
                errors.AddRange(scratch);
            }

            return;
        }

        ValidateObject(value, definition, path, errors);
    }

    private void ValidateObject(JsonElement value, BotApiType type, string path, List<string> errors)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: expected a {type.Name} object, got {Describe(value)}");
            return;
        }

        foreach (var property in value.EnumerateObject())
        {
            var fieldPath = $"{path}.{property.Name}";
            var field = type.FindField(property.Name);
            if (field is null)
            {
                errors.Add($"{fieldPath}: {type.Name} has no such field");
                continue;
            }

            Validate(property.Value, field.Types, fieldPath, errors);
            CheckAllowedValue(property.Value, field, fieldPath, errors);
        }

        foreach (var field in type.Fields)
        {
            if (field.Required && !value.TryGetProperty(field.Name, out _))
            {
                errors.Add($"{path}.{field.Name}: required field of {type.Name} is missing");
            }
        }
    }

    private void ValidateInputFile(JsonElement value, string path, List<string> errors)
    {
        // Inside JSON a file can only be a reference to a multipart part.
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : null;
        if (text is null || !text.StartsWith(AttachPrefix, StringComparison.Ordinal))
        {
            errors.Add($"{path}: expected an uploaded file (InputFile), got {Describe(value)}");
        }
        else if (uploads is not null && !uploads.Contains(text[AttachPrefix.Length..]))
        {
            errors.Add($"{path}: {text} names no uploaded part");
        }
    }

    // A union member is "plausible" when the JSON kind fits and no fixed discriminator (type, status, source)
    // contradicts it; the errors of the only plausible member are the useful ones to report.
    private bool IsPlausible(JsonElement value, string type)
    {
        switch (type)
        {
            case "Integer" or "Float":
                return value.ValueKind == JsonValueKind.Number;
            case "String" or "InputFile":
                return value.ValueKind == JsonValueKind.String;
            case "Boolean":
                return value.ValueKind is JsonValueKind.True or JsonValueKind.False;
        }

        if (type.StartsWith(ArrayPrefix, StringComparison.Ordinal))
        {
            return value.ValueKind == JsonValueKind.Array;
        }

        if (!spec.Types.TryGetValue(type, out var definition))
        {
            return false;
        }

        if (definition.Subtypes.Count > 0)
        {
            return definition.Subtypes.Any(s => IsPlausible(value, s));
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var field in definition.Fields)
        {
            if (field.AllowedValues is [var fixedValue] && value.TryGetProperty(field.Name, out var actual)
                && actual.ValueKind == JsonValueKind.String && actual.GetString() != fixedValue)
            {
                return false;
            }
        }

        return true;
    }
}
