using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bridges.Emulators.Telegram.Validation;

namespace Bridges.Emulators.Telegram;

/// <summary>
/// The Bot API description (<c>api.json</c>, Bot API 10.1) with a validator for requests and for the objects the
/// emulator returns. Requests are checked for unknown methods and parameters, missing required parameters and
/// values of the wrong type (recursively through object types, arrays and unions); text values from form encodings
/// are coerced to the declared type first, as Telegram does.
/// </summary>
public sealed partial class BotApiSpec
{
    private static readonly Lazy<BotApiSpec> Embedded = new(LoadEmbedded);

    /// <summary>
    /// Parameters Telegram removed from the documentation but still accepts. They are accepted (and coerced) wherever
    /// their modern replacement is a parameter of the method, and are not reported as unknown.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (string Type, string ReplacedBy)> LegacyParameters =
        new Dictionary<string, (string, string)>
        {
            ["reply_to_message_id"] = ("Integer", "reply_parameters"),
            ["allow_sending_without_reply"] = ("Boolean", "reply_parameters"),
            ["disable_web_page_preview"] = ("Boolean", "link_preview_options"),
        };

    private readonly Dictionary<string, BotApiMethod> _methodsIgnoringCase;

    private BotApiSpec(string version, Dictionary<string, BotApiMethod> methods, Dictionary<string, BotApiType> types)
    {
        Version = version;
        Methods = methods;
        Types = types;
        _methodsIgnoringCase = new Dictionary<string, BotApiMethod>(methods, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The API version the description covers, e.g. <c>Bot API 10.1</c>.</summary>
    public string Version { get; }

    /// <summary>Methods by their canonical name.</summary>
    public IReadOnlyDictionary<string, BotApiMethod> Methods { get; }

    /// <summary>Types by name.</summary>
    public IReadOnlyDictionary<string, BotApiType> Types { get; }

    /// <summary>The description embedded in this assembly (loaded once).</summary>
    public static BotApiSpec Load() => Embedded.Value;

    /// <summary>Parses a description in the <c>api.json</c> format.</summary>
    public static BotApiSpec Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var methods = new Dictionary<string, BotApiMethod>(StringComparer.Ordinal);
        foreach (var m in root.GetProperty("methods").EnumerateObject())
        {
            methods[m.Name] = new BotApiMethod(m.Name, Strings(m.Value, "returns"), Fields(m.Value));
        }

        var types = new Dictionary<string, BotApiType>(StringComparer.Ordinal);
        foreach (var t in root.GetProperty("types").EnumerateObject())
        {
            types[t.Name] = new BotApiType(t.Name, Fields(t.Value), Strings(t.Value, "subtypes"));
        }

        var version = root.TryGetProperty("version", out var v) ? v.GetString() ?? "" : "";
        return new BotApiSpec(version, methods, types);
    }

    /// <summary>The method with this name, matched case-insensitively as Telegram does; null if unknown.</summary>
    public BotApiMethod? FindMethod(string name) => _methodsIgnoringCase.GetValueOrDefault(name);

    /// <summary>Validates a request to <paramref name="method"/> whose parameters arrived in any encoding.</summary>
    public BotApiRequestValidation ValidateRequest(string method, IReadOnlyDictionary<string, BotApiParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var definition = FindMethod(method);
        if (definition is null)
        {
            return new BotApiRequestValidation(null, [$"unknown method \"{method}\""],
                new Dictionary<string, JsonElement>());
        }

        return new RequestValidator(this, definition, parameters).Run();
    }

    /// <summary>Validates a request whose parameters are the properties of a JSON object body.</summary>
    public BotApiRequestValidation ValidateRequest(string method, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return new BotApiRequestValidation(FindMethod(method), ["the request body is not a JSON object"],
                new Dictionary<string, JsonElement>());
        }

        var parameters = new Dictionary<string, BotApiParameter>(StringComparer.Ordinal);
        foreach (var p in body.EnumerateObject())
        {
            parameters[p.Name] = BotApiParameter.FromJson(p.Value);
        }

        return ValidateRequest(method, parameters);
    }

    /// <summary>Validates an object against a type, e.g. an <c>Update</c> the emulator delivers.</summary>
    /// <returns>Every problem found, each prefixed with the JSON path; empty when valid.</returns>
    public IReadOnlyList<string> ValidateObject(string typeName, JsonElement value) =>
        ValidateValue([typeName], value, typeName);

    /// <summary>Validates a value against a list of allowed type expressions (a union when more than one).</summary>
    public IReadOnlyList<string> ValidateValue(IReadOnlyList<string> types, JsonElement value, string path)
    {
        var errors = new List<string>();
        new ValueValidator(this, uploads: null).Validate(value, types, path, errors);
        return errors;
    }

    /// <summary>Validates the <c>result</c> of a successful call against the method's declared return types.</summary>
    public IReadOnlyList<string> ValidateResult(string method, JsonElement result)
    {
        var definition = FindMethod(method) ?? throw new ArgumentException($"unknown method {method}", nameof(method));
        return ValidateValue(definition.Returns, result, definition.Name);
    }

    private static BotApiSpec LoadEmbedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("telegram-api.json")
            ?? throw new InvalidOperationException("the embedded resource telegram-api.json is missing");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    private static string[] Strings(JsonElement element, string property) =>
        element.TryGetProperty(property, out var list)
            ? list.EnumerateArray().Select(e => e.GetString()!).ToArray()
            : [];

    private static BotApiField[] Fields(JsonElement element)
    {
        if (!element.TryGetProperty("fields", out var fields))
        {
            return [];
        }

        return fields.EnumerateArray().Select(f =>
        {
            var name = f.GetProperty("name").GetString()!;
            var types = Strings(f, "types");
            var description = f.TryGetProperty("description", out var d) ? d.GetString() ?? "" : "";
            var allowed = types is ["String"] ? AllowedValuesOf(name, description) : null;
            return new BotApiField(name, types, f.GetProperty("required").GetBoolean(), description, allowed);
        }).ToArray();
    }

    // The file states discriminators and enumerations only in prose, so they are read from the description:
    // 'always "creator"', 'must be photo' (for type/source fields), and lists after 'can be either', 'currently one
    // of', … that run until the sentence ends.
    private static string[]? AllowedValuesOf(string name, string description)
    {
        var always = AlwaysPattern().Match(description);
        if (always.Success)
        {
            return [always.Groups[1].Value];
        }

        if (name is "type" or "source")
        {
            var mustBe = MustBePattern().Match(description);
            if (mustBe.Success)
            {
                return [mustBe.Groups[1].Value];
            }
        }

        var intro = EnumIntroPattern().Match(description);
        if (!intro.Success)
        {
            return null;
        }

        var values = new List<string>();
        var position = intro.Index + intro.Length;
        foreach (Match token in QuotedPattern().Matches(description, position))
        {
            var gap = description[position..token.Index];
            if (gap.Contains(". ", StringComparison.Ordinal) || (values.Count == 0 && gap.Length > 0))
            {
                break;
            }

            values.Add(token.Groups[1].Value);
            position = token.Index + token.Length;
        }

        return values.Count > 0 ? values.ToArray() : null;
    }

    [GeneratedRegex("always \"([^\"]+)\"")]
    private static partial Regex AlwaysPattern();

    [GeneratedRegex("must be ([a-z_]+)$")]
    private static partial Regex MustBePattern();

    [GeneratedRegex("(?:can be either|currently one of|Currently, can be|Currently, it can be one of|must be one of) ")]
    private static partial Regex EnumIntroPattern();

    [GeneratedRegex("\"([^\"]+)\"")]
    private static partial Regex QuotedPattern();
}
