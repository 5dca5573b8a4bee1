using System.Buffers;
using System.Text;
using Bridges.Irc.Client;

namespace Bridges.Irc.Tests.Unit;

public sealed class IrcMessageParserTests
{
    private static IrcMessage Parse(string line) => IrcMessage.Parse(line);

    [Fact]
    public void Parses_c2s_structure_examples()
    {
        var m = Parse(":irc.example.com CAP LS * :multi-prefix extended-join sasl");
        Assert.Equal("irc.example.com", m.Source);
        Assert.Equal("CAP", m.Command);
        Assert.Equal(["LS", "*", "multi-prefix extended-join sasl"], m.Params);

        m = Parse("@id=234AB :dan!d@localhost PRIVMSG #chan :Hey what's up!");
        Assert.Equal("234AB", m.Tags["id"]);
        Assert.Equal("dan!d@localhost", m.Source);
        Assert.Equal(["#chan", "Hey what's up!"], m.Params);

        m = Parse("CAP REQ :sasl");
        Assert.Null(m.Source);
        Assert.Equal(["REQ", "sasl"], m.Params);
    }

    [Theory]
    [InlineData(":irc.example.com CAP * LIST :", new[] { "*", "LIST", "" })]
    [InlineData("CAP * LS :multi-prefix sasl", new[] { "*", "LS", "multi-prefix sasl" })]
    [InlineData("CAP REQ :sasl message-tags foo", new[] { "REQ", "sasl message-tags foo" })]
    [InlineData(":dan!d@localhost PRIVMSG #chan :Hey!", new[] { "#chan", "Hey!" })]
    [InlineData(":dan!d@localhost PRIVMSG #chan Hey!", new[] { "#chan", "Hey!" })]
    [InlineData(":dan!d@localhost PRIVMSG #chan ::-)", new[] { "#chan", ":-)" })]
    public void Parses_parameter_examples(string line, string[] expected) => Assert.Equal(expected, Parse(line).Params);

    [Fact]
    public void Parses_tag_json_examples()
    {
        var m = Parse("@id=123AB;rose PING x");
        Assert.Equal("123AB", m.Tags["id"]);
        Assert.True(m.Tags.ContainsKey("rose"));
        Assert.Null(m.Tags["rose"]);

        m = Parse("@url=;netsplit=tur,ty PING x");
        Assert.True(m.Tags.ContainsKey("url"));
        Assert.Null(m.Tags["url"]); // empty value == missing value
        Assert.Equal("tur,ty", m.Tags["netsplit"]);
    }

    [Fact]
    public void Parses_message_tags_spec_examples()
    {
        var m = Parse("@aaa=bbb;ccc;example.com/ddd=eee :nick!ident@host.com PRIVMSG me :Hello");
        Assert.Equal(3, m.Tags.Count);
        Assert.Equal("bbb", m.Tags["aaa"]);
        Assert.Null(m.Tags["ccc"]);
        Assert.Equal("eee", m.Tags["example.com/ddd"]);
        Assert.Equal("Hello", m.LastParam);

        m = Parse("@+example-client-tag=example-value PRIVMSG #channel :Message");
        Assert.Equal("example-value", m.Tags["+example-client-tag"]);
    }

    [Theory]
    [InlineData(@"a\:b", "a;b")]
    [InlineData(@"a\sb", "a b")]
    [InlineData(@"a\\b", @"a\b")]
    [InlineData(@"a\r\nb", "a\r\nb")]
    [InlineData(@"test\", "test")]
    [InlineData(@"\b", "b")]
    [InlineData(@"\\\s\:", @"\ ;")]
    public void Unescapes_tag_values(string escaped, string expected)
    {
        var m = Parse($"@k={escaped} PING x");
        Assert.Equal(expected, m.Tags["k"]);
    }

    [Fact]
    public void Duplicate_tag_keys_keep_the_last_occurrence()
    {
        Assert.Equal("2", Parse("@a=1;b;a=2 PING x").Tags["a"]);
    }

    [Fact]
    public void Tag_keys_are_case_sensitive()
    {
        var m = Parse("@Key=1;key=2 PING x");
        Assert.Equal("1", m.Tags["Key"]);
        Assert.Equal("2", m.Tags["key"]);
    }

    [Fact]
    public void Command_is_upper_cased_and_numerics_kept()
    {
        Assert.Equal("PRIVMSG", Parse("privmsg #a :b").Command);
        Assert.True(Parse(":s 001 me :hi").IsNumeric);
    }

    [Fact]
    public void Tolerates_multiple_spaces_and_trailing_spaces()
    {
        var m = Parse(":a!b@c   PRIVMSG   #x   y  ");
        Assert.Equal("PRIVMSG", m.Command);
        Assert.Equal(["#x", "y"], m.Params);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("@only-tags")]
    [InlineData(":only-source")]
    [InlineData("@a=b :src")]
    public void Malformed_lines_yield_null(string line)
    {
        Assert.Null(IrcMessageParser.TryParse(Encoding.UTF8.GetBytes(line)));
    }

    [Fact]
    public void Invalid_utf8_parameter_falls_back_to_latin1_without_garbling_others()
    {
        byte[] bytes = [.. "PRIVMSG #ch\u00e9 :caf"u8, 0xE9, .. " ok"u8];
        var m = IrcMessageParser.Parse(bytes);
        Assert.Equal("#ch\u00e9", m.Params[0]); // valid UTF-8 stays UTF-8
        Assert.Equal("caf\u00e9 ok", m.Params[1]); // 0xE9 alone is Latin-1 é
    }

    [Fact]
    public void Invalid_utf8_tag_value_is_dropped()
    {
        byte[] bytes = [.. "@a="u8, 0xFF, .. ";b=ok PING x"u8];
        var m = IrcMessageParser.Parse(bytes);
        Assert.True(m.Tags.ContainsKey("a"));
        Assert.Null(m.Tags["a"]);
        Assert.Equal("ok", m.Tags["b"]);
    }

    [Fact]
    public void Reads_lines_across_segments_and_strips_cr()
    {
        var first = new TestSegment("PING :a\r\nPRIVMSG #x :hel"u8.ToArray());
        var last = first.Append("lo\nTAIL"u8.ToArray());
        var buffer = new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);

        Assert.True(IrcMessageParser.TryReadLine(ref buffer, out var l1));
        Assert.Equal("PING :a", Encoding.UTF8.GetString(l1.ToArray()));
        Assert.True(IrcMessageParser.TryReadLine(ref buffer, out var l2));
        var m = IrcMessageParser.TryParse(l2);
        Assert.Equal("hello", m!.LastParam);
        Assert.False(IrcMessageParser.TryReadLine(ref buffer, out _));
        Assert.Equal("TAIL", Encoding.UTF8.GetString(buffer.ToArray()));
    }

    [Fact]
    public void Source_parts_are_split()
    {
        var s = IrcSource.Parse("nick!~user@host.example");
        Assert.Equal(("nick", "~user", "host.example"), (s.Nick, s.User, s.Host));
        Assert.False(s.IsServer);
        Assert.True(IrcSource.Parse("irc.example.com").IsServer);
        Assert.Equal(("n", null, "h"), (IrcSource.Parse("n@h").Nick, IrcSource.Parse("n@h").User, IrcSource.Parse("n@h").Host));
    }

    [Fact]
    public void Server_time_and_ids_are_exposed()
    {
        var m = Parse("@time=2011-10-19T16:40:51.620Z;msgid=abc;batch=x;label=l;account=acc :n!u@h PRIVMSG #c :t");
        Assert.Equal(new DateTimeOffset(2011, 10, 19, 16, 40, 51, 620, TimeSpan.Zero), m.ServerTime);
        Assert.Equal(("abc", "x", "l", "acc"), (m.MsgId, m.BatchRef, m.Label, m.Account));
    }

    private sealed class TestSegment : ReadOnlySequenceSegment<byte>
    {
        public TestSegment(byte[] data) => Memory = data;

        public TestSegment Append(byte[] data)
        {
            var next = new TestSegment(data) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
