using System.Globalization;
using System.Text.Json;

namespace Bridges.Emulators.Telegram.Validation;

/// <summary>
/// Validates the parameters of one method call. JSON values are checked as they are; text values (query string,
/// url-encoded or multipart text parts) are first coerced to the declared type like Telegram does: numbers and
/// booleans from their text, objects and arrays parsed as JSON. File parts must go to an <c>InputFile</c> parameter
/// or be referenced as <c>attach://name</c>.
/// </summary>
internal sealed class RequestValidator(
    BotApiSpec spec,
    BotApiMethod method,
    IReadOnlyDictionary<string, BotApiParameter> parameters)
{
    private const string AttachPrefix = "attach://";
    private readonly List<string> _errors = [];
    private readonly Dictionary<string, JsonElement> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _uploads = parameters.Where(p => p.Value.Upload is not null)
        .Select(p => p.Key).ToHashSet(StringComparer.Ordinal);

    public BotApiRequestValidation Run()
    {
        var validator = new ValueValidator(spec, _uploads);
        foreach (var (name, parameter) in parameters)
        {
            var field = method.FindField(name);
            if (field is null)
            {
                HandleUnknown(name, parameter);
                continue;
            }

            if (parameter.Upload is not null)
            {
                if (field.Types.Contains("InputFile"))
                {
                    _values[name] = JsonSerializer.SerializeToElement(AttachPrefix + name);
                }
                else
                {
                    _errors.Add($"{name}: a file was uploaded, but the parameter is {string.Join(" or ", field.Types)}");
                }

                continue;
            }

            if (parameter.Json is { } json)
            {
                // Top-level JSON null is read as "not given", as clients commonly send it for absent options.
                if (json.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }

                Accept(name, json, field, validator);
                continue;
            }

            var coerced = Coerce(parameter.Text!, field, validator, out var coercionErrors);
            if (coerced is { } value)
            {
                Accept(name, value, field, validator);
            }
            else
            {
                _errors.AddRange(coercionErrors);
            }
        }

        foreach (var field in method.Fields)
        {
            if (field.Required && !IsPresent(field.Name))
            {
                _errors.Add($"{field.Name}: required parameter is missing");
            }
        }

        return new BotApiRequestValidation(method, _errors, _values);
    }

    private bool IsPresent(string name) =>
        parameters.TryGetValue(name, out var p) && p.Json is not { ValueKind: JsonValueKind.Null };

    private void Accept(string name, JsonElement value, BotApiField field, ValueValidator validator)
    {
        var errors = new List<string>();
        validator.Validate(value, field.Types, name, errors);
        ValueValidator.CheckAllowedValue(value, field, name, errors);
        if (errors.Count == 0)
        {
            _values[name] = value;
        }
        else
        {
            _errors.AddRange(errors);
        }
    }

    private void HandleUnknown(string name, BotApiParameter parameter)
    {
        if (BotApiSpec.LegacyParameters.TryGetValue(name, out var legacy) && method.FindField(legacy.ReplacedBy) is not null)
        {
            var field = new BotApiField(name, [legacy.Type], false, "", null);
            var validator = new ValueValidator(spec, _uploads);
            if (parameter.Json is { } json)
            {
                Accept(name, json, field, validator);
            }
            else if (parameter.Text is { } text && Coerce(text, field, validator, out _) is { } value)
            {
                _values[name] = value;
            }
            else
            {
                _errors.Add($"{name}: expected {legacy.Type}, got {parameter}");
            }

            return;
        }

        // A file part that another parameter references as attach://name is an attachment, not a parameter.
        if (parameter.Upload is not null && IsReferenced(name))
        {
            return;
        }

        _errors.Add($"{name}: unknown parameter of {method.Name}");
    }

    private bool IsReferenced(string partName)
    {
        var reference = AttachPrefix + partName;
        return parameters.Values.Any(p =>
            (p.Text ?? p.Json?.GetRawText())?.Contains(reference, StringComparison.Ordinal) == true);
    }

    private JsonElement? Coerce(string text, BotApiField field, ValueValidator validator, out List<string> errors)
    {
        errors = [];
        List<string>? complexErrors = null;
        // String is the fallback of every union, so it is tried last: "123" for Integer-or-String is the Integer.
        foreach (var type in field.Types.OrderBy(t => t == "String" ? 1 : 0))
        {
            switch (type)
            {
                case "Integer" when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l):
                    return JsonSerializer.SerializeToElement(l);
                case "Float" when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d):
                    return JsonSerializer.SerializeToElement(d);
                case "Boolean" when ParseBoolean(text) is { } b:
                    return JsonSerializer.SerializeToElement(b);
                case "String":
                    return JsonSerializer.SerializeToElement(text);
                case "InputFile" when text.StartsWith(AttachPrefix, StringComparison.Ordinal)
                                      && _uploads.Contains(text[AttachPrefix.Length..]):
                    return JsonSerializer.SerializeToElement(text);
                case "Integer" or "Float" or "Boolean" or "InputFile":
                    continue;
            }

            JsonElement parsed;
            try
            {
                using var doc = JsonDocument.Parse(text);
                parsed = doc.RootElement.Clone();
            }
            catch (JsonException)
            {
                complexErrors ??= [$"{field.Name}: expected {type} as JSON text, got \"{Shorten(text)}\" (not JSON)"];
                continue;
            }

            var typeErrors = new List<string>();
            validator.Validate(parsed, [type], field.Name, typeErrors);
            if (typeErrors.Count == 0)
            {
                return parsed;
            }

            complexErrors ??= typeErrors;
        }

        errors = complexErrors
                 ?? [$"{field.Name}: expected {string.Join(" or ", field.Types)}, got \"{Shorten(text)}\""];
        return null;
    }

    private static bool? ParseBoolean(string text) => text.ToUpperInvariant() switch
    {
        "TRUE" or "1" => true,
        "FALSE" or "0" => false,
        _ => null,
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
