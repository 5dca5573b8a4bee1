using System.Text;
using Bridges.Irc.Client;

namespace Bridges.Irc.Tests.Unit;

public sealed class IrcMessageWriterTests
{
    private static string Wire(IrcMessage m) => Encoding.UTF8.GetString(IrcMessageWriter.Serialize(m));

    [Fact]
    public void Writes_trailing_colon_only_when_needed()
    {
        Assert.Equal("PRIVMSG #a hi\r\n", Wire(new IrcMessage("PRIVMSG", "#a", "hi")));
        Assert.Equal("PRIVMSG #a :hi there\r\n", Wire(new IrcMessage("PRIVMSG", "#a", "hi there")));
        Assert.Equal("PRIVMSG #a ::-)\r\n", Wire(new IrcMessage("PRIVMSG", "#a", ":-)")));
        Assert.Equal("CAP * LIST :\r\n", Wire(new IrcMessage("CAP", "*", "LIST", "")));
        Assert.Equal("QUIT\r\n", Wire(new IrcMessage("QUIT")));
    }

    [Fact]
    public void Escapes_tag_values_and_omits_empty_values()
    {
        var tags = IrcTags.Empty.With("+example", "a; b\\c\r\n").With("flag", null).With("empty", "");
        var wire = Wire(new IrcMessage(tags, null, "TAGMSG", "#c"));
        Assert.Equal(@"@+example=a\:\sb\\c\r\n;flag;empty TAGMSG #c" + "\r\n", wire);
    }

    [Theory]
    [InlineData("@aaa=bbb;ccc;example.com/ddd=eee :nick!ident@host.com PRIVMSG me :Hello")]
    [InlineData(":irc.example.com CAP * LIST :")]
    [InlineData("@+draft/reply=abc;+draft/react=\\:\\)\\s PRIVMSG #c :x y")]
    [InlineData(":dan!d@localhost PRIVMSG #chan ::-)")]
    [InlineData("@time=2011-10-19T16:40:51.620Z :a!b@c NOTICE #x :\u00e9\u20ac\U0001F600")]
    public void Round_trips(string line)
    {
        var parsed = IrcMessage.Parse(line);
        var reparsed = IrcMessage.Parse(parsed.ToString());
        Assert.Equal(parsed.Command, reparsed.Command);
        Assert.Equal(parsed.Source, reparsed.Source);
        Assert.Equal(parsed.Params, reparsed.Params);
        Assert.Equal(parsed.Tags.OrderBy(t => t.Key), reparsed.Tags.OrderBy(t => t.Key));
    }

    [Theory]
    [InlineData("hi\r\nQUIT :x")]
    [InlineData("hi\nQUIT :x")]
    [InlineData("hi\rQUIT :x")]
    public void Cr_or_lf_in_a_parameter_throws(string text)
    {
        var ex = Assert.Throws<ArgumentException>(() => IrcMessageWriter.Serialize(new IrcMessage("PRIVMSG", "#c", text)));
        Assert.Contains("CR or LF", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cr_lf_in_a_middle_parameter_or_target_throws()
    {
        Assert.Throws<ArgumentException>(() => IrcMessageWriter.Serialize(new IrcMessage("PRIVMSG", "#c\r\nQUIT", "x")));
    }

    [Fact]
    public void Nul_is_stripped()
    {
        Assert.Equal("PRIVMSG #c :ab c\r\n", Wire(new IrcMessage("PRIVMSG", "#c", "a\0b c")));
    }

    [Fact]
    public void Tag_values_cannot_inject_either()
    {
        var wire = Wire(new IrcMessage(IrcTags.Empty.With("+x", "a\r\nQUIT :x"), null, "TAGMSG", "#c"));
        Assert.DoesNotContain('\n', wire.TrimEnd('\n').TrimEnd('\r'));
        Assert.Single(wire.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("a b")]
    [InlineData(":a")]
    [InlineData("")]
    public void Invalid_middle_parameters_throw(string middle)
    {
        Assert.Throws<ArgumentException>(() => IrcMessageWriter.Serialize(new IrcMessage("MODE", middle, "x")));
    }

    [Theory]
    [InlineData("PRIV MSG")]
    [InlineData("PRIV\r\nMSG")]
    [InlineData("PRIV:")]
    public void Invalid_commands_throw(string command)
    {
        Assert.Throws<ArgumentException>(() => IrcMessageWriter.Serialize(new IrcMessage(command, "x")));
    }

    [Theory]
    [InlineData("a b")]
    [InlineData("a;b")]
    [InlineData("a=b")]
    [InlineData("a\nb")]
    public void Invalid_tag_keys_throw(string key)
    {
        Assert.Throws<ArgumentException>(() => IrcMessageWriter.Serialize(new IrcMessage(IrcTags.Empty.With(key, "v"), null, "TAGMSG", "#c")));
    }

    [Fact]
    public void Enforces_512_bytes_excluding_tags()
    {
        var fits = "a " + new string('x', 512 - "PRIVMSG #c :a ".Length - 2);
        var bigTags = IrcTags.Empty.With("+big", new string('t', 3000));
        Assert.Equal(512, IrcMessageWriter.Serialize(new IrcMessage("PRIVMSG", "#c", fits)).Length);
        Assert.Equal(512 + 3000 + "@+big= ".Length, IrcMessageWriter.Serialize(new IrcMessage(bigTags, null, "PRIVMSG", "#c", fits)).Length);
        Assert.Throws<ArgumentException>(() => IrcMessageWriter.Serialize(new IrcMessage("PRIVMSG", "#c", fits + "x")));
    }

    [Fact]
    public void Enforces_client_tag_data_limit()
    {
        var ok = IrcTags.Empty.With("+k", new string('v', 4094 - 3));
        Assert.NotNull(IrcMessageWriter.Serialize(new IrcMessage(ok, null, "TAGMSG", "#c")));
        var tooMuch = IrcTags.Empty.With("+k", new string('v', 4094 - 2));
        Assert.Throws<ArgumentException>(() => IrcMessageWriter.Serialize(new IrcMessage(tooMuch, null, "TAGMSG", "#c")));
    }

    [Fact]
    public void ToString_never_throws()
    {
        Assert.Contains("\\r\\n", new IrcMessage("PRIVMSG", "#c", "a\r\nb").ToString(), StringComparison.Ordinal);
    }
}
