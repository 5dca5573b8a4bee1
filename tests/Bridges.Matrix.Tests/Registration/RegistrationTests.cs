using Bridges.Matrix.Ids;
using Bridges.Matrix.Registration;

namespace Bridges.Matrix.Tests.Registration;

public sealed class RegistrationTests
{
    private static AppServiceRegistration FullRegistration() => new()
    {
        Id = "irc",
        Url = "http://127.0.0.1:29320",
        AsToken = RegistrationTokens.Generate(),
        HsToken = RegistrationTokens.Generate(),
        SenderLocalpart = "ircbot",
        Namespaces = new RegistrationNamespaces
        {
            Users = [new RegistrationNamespace { Exclusive = true, Regex = "@irc_.*:example\\.org" }, new RegistrationNamespace { Exclusive = false, Regex = "@shared_[a-z]+:example\\.org" }],
            Aliases = [new RegistrationNamespace { Exclusive = true, Regex = "#irc_.*:example\\.org" }],
            Rooms = [new RegistrationNamespace { Exclusive = false, Regex = "!portal[0-9]+:example\\.org" }],
        },
        RateLimited = false,
        Protocols = ["irc", "ircv3"],
        ReceiveEphemeral = true,
        Msc2409PushEphemeral = true,
        Msc3202 = true,
    };

    [Fact]
    public void Serialize_then_parse_keeps_every_field()
    {
        var original = FullRegistration();

        var yaml = RegistrationYaml.Serialize(original);
        var parsed = RegistrationYaml.Parse(yaml);

        Assert.Equal(original.Id, parsed.Id);
        Assert.Equal(original.Url, parsed.Url);
        Assert.Equal(original.AsToken, parsed.AsToken);
        Assert.Equal(original.HsToken, parsed.HsToken);
        Assert.Equal(original.SenderLocalpart, parsed.SenderLocalpart);
        Assert.Equal(original.RateLimited, parsed.RateLimited);
        Assert.Equal(original.Protocols, parsed.Protocols);
        Assert.True(parsed.ReceiveEphemeral);
        Assert.True(parsed.Msc2409PushEphemeral);
        Assert.True(parsed.Msc3202);
        AssertNamespaces(original.Namespaces.Users, parsed.Namespaces.Users);
        AssertNamespaces(original.Namespaces.Aliases, parsed.Namespaces.Aliases);
        AssertNamespaces(original.Namespaces.Rooms, parsed.Namespaces.Rooms);
    }

    [Fact]
    public void Serialized_yaml_uses_the_keys_homeservers_read()
    {
        var yaml = RegistrationYaml.Serialize(FullRegistration());

        Assert.Contains("as_token:", yaml, StringComparison.Ordinal);
        Assert.Contains("hs_token:", yaml, StringComparison.Ordinal);
        Assert.Contains("sender_localpart: ircbot", yaml, StringComparison.Ordinal);
        Assert.Contains("rate_limited: false", yaml, StringComparison.Ordinal);
        Assert.Contains("receive_ephemeral: true", yaml, StringComparison.Ordinal);
        Assert.Contains("de.sorunome.msc2409.push_ephemeral: true", yaml, StringComparison.Ordinal);
        Assert.Contains("org.matrix.msc3202: true", yaml, StringComparison.Ordinal);
        Assert.Contains("exclusive: true", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void False_and_absent_flags_round_trip()
    {
        var original = FullRegistration();
        original.ReceiveEphemeral = false;
        original.Msc2409PushEphemeral = null;
        original.Msc3202 = null;
        original.RateLimited = null;
        original.Url = null;
        original.Protocols = [];

        var parsed = RegistrationYaml.Parse(RegistrationYaml.Serialize(original));

        Assert.False(parsed.ReceiveEphemeral);
        Assert.Null(parsed.Msc2409PushEphemeral);
        Assert.Null(parsed.Msc3202);
        Assert.Null(parsed.RateLimited);
        Assert.Null(parsed.Url);
        Assert.Empty(parsed.Protocols);
    }

    [Fact]
    public void Parses_a_hand_written_registration_with_the_unstable_ephemeral_key_only()
    {
        const string yaml = """
            id: telegram
            url: null
            as_token: "aaa"
            hs_token: bbb
            sender_localpart: telegrambot
            namespaces:
              users:
                - exclusive: true
                  regex: '@telegram_.*:example\.org'
            de.sorunome.msc2409.push_ephemeral: true
            some_future_key: ignored
            """;

        var parsed = RegistrationYaml.Parse(yaml);

        Assert.Null(parsed.Url);
        Assert.True(parsed.ReceiveEphemeral);
        Assert.True(parsed.Msc2409PushEphemeral);
        Assert.Single(parsed.Namespaces.Users);
        Assert.True(parsed.Namespaces.Users[0].IsMatch("@telegram_123:example.org"));
        Assert.Empty(parsed.Namespaces.Aliases);
    }

    [Theory]
    [InlineData("as_token")]
    [InlineData("hs_token")]
    [InlineData("id")]
    [InlineData("sender_localpart")]
    public void Missing_required_key_fails_naming_the_key(string key)
    {
        var lines = RegistrationYaml.Serialize(FullRegistration()).Split('\n').Where(l => !l.StartsWith(key + ":", StringComparison.Ordinal));

        var e = Assert.Throws<FormatException>(() => RegistrationYaml.Parse(string.Join('\n', lines)));

        Assert.Contains($"'{key}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Namespace_without_regex_fails_naming_its_path()
    {
        const string yaml = "id: a\nas_token: b\nhs_token: c\nsender_localpart: d\nnamespaces:\n  users:\n    - exclusive: true\n";

        var e = Assert.Throws<FormatException>(() => RegistrationYaml.Parse(yaml));

        Assert.Contains("namespaces.users[0].regex", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_yaml_and_empty_files_fail_with_FormatException()
    {
        Assert.Throws<FormatException>(() => RegistrationYaml.Parse("id: [unclosed"));
        Assert.Throws<FormatException>(() => RegistrationYaml.Parse(string.Empty));
    }

    [Fact]
    public void Generated_tokens_are_distinct_64_character_alphanumerics()
    {
        var tokens = Enumerable.Range(0, 200).Select(_ => RegistrationTokens.Generate()).ToList();

        Assert.All(tokens, t =>
        {
            Assert.Equal(64, t.Length);
            Assert.True(t.All(char.IsAsciiLetterOrDigit), t);
        });
        Assert.Equal(tokens.Count, tokens.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Created_registration_has_distinct_as_and_hs_tokens()
    {
        var registration = RegistrationTokens.Create("irc", "http://localhost:1", "ircbot", new RegistrationNamespaces());

        Assert.NotEqual(registration.AsToken, registration.HsToken);
        Assert.Equal(64, registration.AsToken.Length);
        Assert.Equal(64, registration.HsToken.Length);
    }

    [Theory]
    [InlineData("@irc_alice:example.org", true)]
    [InlineData("@irc_:example.org", true)]
    [InlineData("@xirc_alice:example.org", false)]
    [InlineData("@irc_alice:example.org.evil.com", false)]
    [InlineData("@irc_alice:example.orgx", false)]
    [InlineData("@irc_alice:exampleXorg", false)]
    public void Namespace_regex_matches_whole_ids_only(string userId, bool expected)
    {
        var ns = new RegistrationNamespace { Exclusive = true, Regex = "@irc_.*:example\\.org" };

        Assert.Equal(expected, ns.IsMatch(userId));
    }

    [Fact]
    public void Namespace_with_alternation_is_anchored_as_a_whole()
    {
        // Without grouping, ^a|b$ would match any id that merely starts with a or ends with b.
        var ns = new RegistrationNamespace { Regex = "@a_.*:x\\.org|@b_.*:x\\.org" };

        Assert.True(ns.IsMatch("@a_1:x.org"));
        Assert.True(ns.IsMatch("@b_1:x.org"));
        Assert.False(ns.IsMatch("@a_1:x.org.evil"));
        Assert.False(ns.IsMatch("evil@b_1:x.org"));
    }

    [Fact]
    public void Changing_the_regex_recompiles_the_pattern()
    {
        var ns = new RegistrationNamespace { Regex = "@a:x\\.org" };
        Assert.True(ns.IsMatch("@a:x.org"));

        ns.Regex = "@b:x\\.org";

        Assert.False(ns.IsMatch("@a:x.org"));
        Assert.True(ns.IsMatch("@b:x.org"));
    }

    [Fact]
    public void User_namespace_checks_cover_the_bot_and_exclusive_ghosts()
    {
        var registration = FullRegistration();

        Assert.True(registration.IsInUserNamespace(UserId.Parse("@ircbot:example.org")));
        Assert.True(registration.IsExclusiveUser(UserId.Parse("@irc_bob:example.org")));
        Assert.True(registration.IsInUserNamespace(UserId.Parse("@shared_bob:example.org")));
        Assert.False(registration.IsExclusiveUser(UserId.Parse("@shared_bob:example.org")));
        Assert.False(registration.IsInUserNamespace(UserId.Parse("@alice:example.org")));
        Assert.True(registration.IsInAliasNamespace(RoomAlias.Parse("#irc_#chan:example.org")));
        Assert.False(registration.IsInAliasNamespace(RoomAlias.Parse("#other:example.org")));
        Assert.Equal("@ircbot:example.org", registration.BotUserId("example.org").Value);
    }

    private static void AssertNamespaces(List<RegistrationNamespace> expected, List<RegistrationNamespace> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Regex, actual[i].Regex);
            Assert.Equal(expected[i].Exclusive, actual[i].Exclusive);
        }
    }
}
