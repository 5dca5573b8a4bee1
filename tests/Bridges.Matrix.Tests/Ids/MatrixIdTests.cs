using System.Text.Json;
using Bridges.Matrix.Ids;

namespace Bridges.Matrix.Tests.Ids;

public sealed class MatrixIdTests
{
    [Theory]
    [InlineData("@alice:example.org", "alice", "example.org")]
    [InlineData("@irc_bob=2e:matrix.example.com:8448", "irc_bob=2e", "matrix.example.com:8448")]
    [InlineData("@a:[::1]", "a", "[::1]")]
    [InlineData("@x.y/z+w-v:localhost", "x.y/z+w-v", "localhost")]
    public void Valid_user_ids_parse_into_localpart_and_server(string text, string localpart, string server)
    {
        var id = UserId.Parse(text);

        Assert.Equal(text, id.Value);
        Assert.Equal(localpart, id.Localpart);
        Assert.Equal(server, id.Server);
        Assert.Equal(text, id.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("@")]
    [InlineData("alice:example.org")]
    [InlineData("@alice")]
    [InlineData("@:example.org")]
    [InlineData("@alice:")]
    [InlineData("@al ice:example.org")]
    [InlineData("@alice:exa_mple.org")]
    [InlineData("@alice:example.org\n")]
    [InlineData("!alice:example.org")]
    public void Invalid_user_ids_are_rejected(string text)
    {
        Assert.False(UserId.TryParse(text, out _));
        Assert.Throws<FormatException>(() => UserId.Parse(text));
    }

    [Fact]
    public void User_id_longer_than_255_characters_is_rejected()
    {
        var text = "@" + new string('a', 250) + ":example.org";

        Assert.False(UserId.TryParse(text, out _));
    }

    [Fact]
    public void Null_is_not_a_user_id() => Assert.False(UserId.TryParse(null, out _));

    [Fact]
    public void Create_builds_user_id_from_localpart_and_server()
    {
        Assert.Equal("@bot:example.org", UserId.Create("bot", "example.org").Value);
        Assert.Throws<FormatException>(() => UserId.Create("bot", "bad server"));
    }

    [Theory]
    [InlineData("!abc123:example.org")]
    [InlineData("!Abc-_.Def:matrix.org:8448")]
    // Room version 12 room ids are the create event's reference hash, with no server part.
    [InlineData("!31hneApxJ_1o-63DmFrpeqnkFfWppnzWso1JvH3ogLM")]
    public void Valid_room_ids_parse(string text) => Assert.Equal(text, RoomId.Parse(text).Value);

    [Theory]
    [InlineData("")]
    [InlineData("!")]
    [InlineData("!:example.org")]
    [InlineData("#abc:example.org")]
    [InlineData("!abc:")]
    [InlineData("!ab c:example.org")]
    public void Invalid_room_ids_are_rejected(string text) => Assert.False(RoomId.TryParse(text, out _));

    [Theory]
    [InlineData("$acR1l0raoZnm60CBwAVgqbZqoO/mYU81xysh1u7XcJk")]
    [InlineData("$143273582443PhrSn:example.org")]
    [InlineData("$Rqnc-F-dvnEYJTyHq_iKxU2bZ1CI92-kuZq3a5lr5Zg")]
    public void Valid_event_ids_parse(string text) => Assert.Equal(text, EventId.Parse(text).Value);

    [Theory]
    [InlineData("")]
    [InlineData("$")]
    [InlineData("$:example.org")]
    [InlineData("abc")]
    [InlineData("!abc")]
    [InlineData("$ab cd")]
    [InlineData("$abc:")]
    [InlineData("$abc:bad server")]
    public void Invalid_event_ids_are_rejected(string text) => Assert.False(EventId.TryParse(text, out _));

    [Theory]
    [InlineData("#room:example.org")]
    [InlineData("#irc_#channel:example.org")]
    [InlineData("#_telegram_-100123:localhost:8008")]
    public void Valid_aliases_parse(string text) => Assert.Equal(text, RoomAlias.Parse(text).Value);

    [Theory]
    [InlineData("")]
    [InlineData("#")]
    [InlineData("#room")]
    [InlineData("#:example.org")]
    [InlineData("room:example.org")]
    [InlineData("#room:")]
    [InlineData("#ro om:example.org")]
    public void Invalid_aliases_are_rejected(string text) => Assert.False(RoomAlias.TryParse(text, out _));

    [Fact]
    public void Mxc_uri_parses_into_server_and_media_id()
    {
        var uri = MxcUri.Parse("mxc://example.org:8448/SEsfnsuifSDFSSEF_-09");

        Assert.Equal("example.org:8448", uri.Server);
        Assert.Equal("SEsfnsuifSDFSSEF_-09", uri.MediaId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("mxc://")]
    [InlineData("mxc://example.org")]
    [InlineData("mxc://example.org/")]
    [InlineData("mxc:///abc")]
    [InlineData("http://example.org/abc")]
    [InlineData("mxc://example.org/ab/cd")]
    [InlineData("mxc://example.org/ab.cd")]
    [InlineData("mxc://exa mple.org/abc")]
    public void Invalid_mxc_uris_are_rejected(string text) => Assert.False(MxcUri.TryParse(text, out _));

    [Fact]
    public void Ids_round_trip_through_json_as_plain_strings()
    {
        var json = JsonSerializer.Serialize(new[] { UserId.Parse("@a:b.c") });
        Assert.Equal("[\"@a:b.c\"]", json);
        Assert.Equal(RoomId.Parse("!r:b.c"), JsonSerializer.Deserialize<RoomId>("\"!r:b.c\""));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<RoomId>("\"nope\""));
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("Alice")]
    [InlineData("UPPER_lower_123")]
    [InlineData("snake_case__double")]
    [InlineData("with space and = sign")]
    [InlineData("Zoë Œuvre")]
    [InlineData("日本語のユーザー")]
    [InlineData("emoji 🦀🎉 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢")]
    [InlineData("tab\tnewline\nnul\0")]
    [InlineData("#channel:colon@at!bang")]
    [InlineData("=2e_x already escaped-looking")]
    [InlineData("")]
    public void Escaped_localpart_round_trips_and_is_valid(string text)
    {
        var escaped = UserId.EscapeLocalpart(text);

        Assert.Equal(text, UserId.UnescapeLocalpart(escaped));
        if (text.Length > 0)
        {
            Assert.True(UserId.IsValidLocalpart(escaped), $"'{escaped}' is not a valid localpart");
            Assert.True(UserId.TryParse($"@{escaped}:example.org", out _));
        }
    }

    [Fact]
    public void Escape_maps_upper_case_and_underscore_as_the_spec_suggests()
    {
        Assert.Equal("_alice_b", UserId.EscapeLocalpart("AliceB"));
        Assert.Equal("a__b", UserId.EscapeLocalpart("a_b"));
        Assert.Equal("a=20b", UserId.EscapeLocalpart("a b"));
        Assert.Equal("=c3=a9", UserId.EscapeLocalpart("é"));
    }

    [Fact]
    public void Random_unicode_text_round_trips_through_escape()
    {
        var random = new Random(1234);
        for (var i = 0; i < 500; i++)
        {
            var chars = new List<char>();
            var length = random.Next(1, 24);
            while (chars.Count < length)
            {
                // Valid scalar values only: a lone surrogate is not text and cannot survive UTF-8.
                var scalar = random.Next(0, 4) switch
                {
                    0 => random.Next(0x20, 0x7F),
                    1 => random.Next(0xA0, 0x800),
                    2 => random.Next(0x800, 0xD800),
                    _ => random.Next(0x10000, 0x110000),
                };
                chars.AddRange(char.ConvertFromUtf32(scalar));
            }

            var text = new string(chars.ToArray());
            var escaped = UserId.EscapeLocalpart(text);
            Assert.True(UserId.IsValidLocalpart(escaped), escaped);
            Assert.Equal(text, UserId.UnescapeLocalpart(escaped));
        }
    }

    [Theory]
    [InlineData("_")]
    [InlineData("abc=")]
    [InlineData("abc=4")]
    [InlineData("abc=zz")]
    public void Unescape_of_a_broken_escape_returns_null(string text) => Assert.Null(UserId.UnescapeLocalpart(text));

    [Theory]
    [InlineData("Alice", false)]
    [InlineData("alice", true)]
    [InlineData("a:b", false)]
    [InlineData("", false)]
    [InlineData("a b", false)]
    [InlineData("é", false)]
    [InlineData("a.b_c=d-e/f+g", true)]
    public void IsValidLocalpart_follows_the_spec_grammar(string localpart, bool valid) =>
        Assert.Equal(valid, UserId.IsValidLocalpart(localpart));
}
