using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Bridges.Matrix.Registration;

/// <summary>Reads and writes the registration YAML file that homeservers load.</summary>
public static class RegistrationYaml
{
    private static readonly IDeserializer Reader = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    private static readonly ISerializer Writer = new SerializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
        .Build();

    /// <summary>Parses registration YAML; throws <see cref="FormatException"/> naming what is missing or malformed.</summary>
    public static AppServiceRegistration Parse(string yaml)
    {
        RegistrationDocument doc;
        try
        {
            doc = Reader.Deserialize<RegistrationDocument?>(yaml) ?? throw new FormatException("The registration file is empty.");
        }
        catch (YamlException e)
        {
            throw new FormatException($"The registration is not valid YAML at line {e.Start.Line}: {e.Message}", e);
        }

        return new AppServiceRegistration
        {
            Id = Required(doc.Id, "id"),
            Url = string.IsNullOrWhiteSpace(doc.Url) ? null : doc.Url,
            AsToken = Required(doc.AsToken, "as_token"),
            HsToken = Required(doc.HsToken, "hs_token"),
            SenderLocalpart = Required(doc.SenderLocalpart, "sender_localpart"),
            Namespaces = new RegistrationNamespaces
            {
                Users = Map(doc.Namespaces?.Users, "users"),
                Aliases = Map(doc.Namespaces?.Aliases, "aliases"),
                Rooms = Map(doc.Namespaces?.Rooms, "rooms"),
            },
            RateLimited = doc.RateLimited,
            Protocols = doc.Protocols ?? [],
            ReceiveEphemeral = doc.ReceiveEphemeral ?? doc.Msc2409PushEphemeral ?? false,
            Msc2409PushEphemeral = doc.Msc2409PushEphemeral,
            Msc3202 = doc.Msc3202,
        };
    }

    /// <summary>Reads and parses a registration file.</summary>
    public static async Task<AppServiceRegistration> LoadAsync(string path, CancellationToken ct) =>
        Parse(await File.ReadAllTextAsync(path, ct).ConfigureAwait(false));

    /// <summary>Serialises a registration to the YAML homeservers expect.</summary>
    public static string Serialize(AppServiceRegistration registration)
    {
        var doc = new RegistrationDocument
        {
            Id = registration.Id,
            Url = registration.Url,
            AsToken = registration.AsToken,
            HsToken = registration.HsToken,
            SenderLocalpart = registration.SenderLocalpart,
            Namespaces = new NamespacesDocument
            {
                Users = Unmap(registration.Namespaces.Users),
                Aliases = Unmap(registration.Namespaces.Aliases),
                Rooms = Unmap(registration.Namespaces.Rooms),
            },
            RateLimited = registration.RateLimited,
            Protocols = registration.Protocols.Count > 0 ? registration.Protocols : null,
            ReceiveEphemeral = registration.ReceiveEphemeral,
            Msc2409PushEphemeral = registration.Msc2409PushEphemeral,
            Msc3202 = registration.Msc3202,
        };
        return Writer.Serialize(doc);
    }

    /// <summary>Writes a registration file, readable only by its owner where the platform allows.</summary>
    public static async Task SaveAsync(AppServiceRegistration registration, string path, CancellationToken ct)
    {
        await File.WriteAllTextAsync(path, Serialize(registration), ct).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static string Required(string? value, string key) =>
        string.IsNullOrWhiteSpace(value) ? throw new FormatException($"The registration has no '{key}'.") : value;

    private static List<RegistrationNamespace> Map(List<NamespaceDocument>? list, string key) =>
        list?.Select((n, i) => new RegistrationNamespace
        {
            Exclusive = n.Exclusive,
            Regex = Required(n.Regex, $"namespaces.{key}[{i}].regex"),
        }).ToList() ?? [];

    private static List<NamespaceDocument> Unmap(List<RegistrationNamespace> list) =>
        list.Select(n => new NamespaceDocument { Exclusive = n.Exclusive, Regex = n.Regex }).ToList();

    private sealed class RegistrationDocument
    {
        public string? Id { get; set; }

        public string? Url { get; set; }

        public string? AsToken { get; set; }

        public string? HsToken { get; set; }

        public string? SenderLocalpart { get; set; }

        public NamespacesDocument? Namespaces { get; set; }

        public bool? RateLimited { get; set; }

        public List<string>? Protocols { get; set; }

        public bool? ReceiveEphemeral { get; set; }

        [YamlMember(Alias = "de.sorunome.msc2409.push_ephemeral")]
        public bool? Msc2409PushEphemeral { get; set; }

        [YamlMember(Alias = "org.matrix.msc3202")]
        public bool? Msc3202 { get; set; }
    }

    private sealed class NamespacesDocument
    {
        public List<NamespaceDocument>? Users { get; set; }

        public List<NamespaceDocument>? Aliases { get; set; }

        public List<NamespaceDocument>? Rooms { get; set; }
    }

    private sealed class NamespaceDocument
    {
        public bool Exclusive { get; set; }

        public string? Regex { get; set; }
    }
}
