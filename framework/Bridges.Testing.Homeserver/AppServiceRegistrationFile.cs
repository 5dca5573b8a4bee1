using System.Text.Json;
using System.Text.Json.Nodes;
using Bridges.Testing.Homeserver.Validation;

namespace Bridges.Testing.Homeserver;

/// <summary>Reads appservice registration YAML files, checked against the spec's registration schema.</summary>
public static class AppServiceRegistrationFile
{
    private const string Schema = "api/application-service/definitions/registration.yaml";

    /// <summary>Reads and parses a registration file.</summary>
    public static AppServiceRegistration Load(string path) => Parse(File.ReadAllText(path));

    /// <summary>Parses registration YAML.</summary>
    /// <exception cref="FormatException">The YAML breaks the spec's registration schema.</exception>
    public static AppServiceRegistration Parse(string yaml)
    {
        var node = YamlJsonConverter.Parse(yaml) as JsonObject
            ?? throw new FormatException("an appservice registration must be a YAML mapping");
        var result = MatrixSpecValidator.Shared.ValidateSchema(Schema, JsonSerializer.SerializeToElement(node));
        if (!result.IsValid)
        {
            throw new FormatException($"invalid appservice registration: {string.Join("; ", result.Violations)}");
        }

        var url = node["url"]?.GetValue<string>();
        return new AppServiceRegistration
        {
            Id = node["id"]!.GetValue<string>(),
            Url = string.IsNullOrEmpty(url) ? null : new Uri(url),
            AsToken = node["as_token"]!.GetValue<string>(),
            HsToken = node["hs_token"]!.GetValue<string>(),
            SenderLocalpart = node["sender_localpart"]!.GetValue<string>(),
            Users = Namespaces(node["namespaces"]?["users"]),
            Aliases = Namespaces(node["namespaces"]?["aliases"]),
            Rooms = Namespaces(node["namespaces"]?["rooms"]),
            RateLimited = JsonNodeHelpers.GetBool(node["rate_limited"]) ?? false,
            ReceiveEphemeral = JsonNodeHelpers.GetBool(node["receive_ephemeral"]) ?? false,
            Msc2409PushEphemeral = JsonNodeHelpers.GetBool(node["de.sorunome.msc2409.push_ephemeral"]) ?? false,
            Protocols = (node["protocols"] as JsonArray ?? []).Select(p => p!.GetValue<string>()).ToList(),
        };
    }

    private static List<AppServiceNamespace> Namespaces(JsonNode? list) =>
        (list as JsonArray ?? []).Select(n => new AppServiceNamespace(
            n!["regex"]!.GetValue<string>(), n["exclusive"]!.GetValue<bool>())).ToList();
}
