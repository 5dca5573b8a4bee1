using Bridges.Irc.Client;

namespace Bridges.Irc.Tests.Unit;

public sealed class IrcISupportTests
{
    private static IrcISupport Apply(IrcISupport s, string line) => s.Apply(IrcMessage.Parse(line));

    [Fact]
    public void Defaults_follow_the_spec()
    {
        var d = IrcISupport.Default;
        Assert.Same(IrcCaseMapping.Rfc1459, d.CaseMapping);
        Assert.Equal("#&", d.ChanTypes);
        Assert.Equal(("ov", "@+"), (d.PrefixModes, d.PrefixSymbols));
        Assert.Equal(512, d.LineLen);
        Assert.Null(d.NickLen);
        Assert.Null(d.Monitor);
    }

    [Fact]
    public void Parses_the_test_servers_tokens()
    {
        var s = Apply(IrcISupport.Default, ":irc.bridges.test 005 me AWAYLEN=200 CASEMAPPING=ascii CHANMODES=b,k,l,MRimnprst CHANTYPES=# :are supported by this server");
        s = Apply(s, ":irc.bridges.test 005 me LINELEN=1024 MONITOR=30 NETWORK=Bridges\\x20Test NICKLEN=30 PREFIX=(qaohv)~&@%+ STATUSMSG=@+ TARGMAX=PRIVMSG:4,NOTICE:,JOIN: UHNAMES :are supported");
        Assert.Same(IrcCaseMapping.Ascii, s.CaseMapping);
        Assert.Equal("#", s.ChanTypes);
        Assert.Equal(("b", "k", "l", "MRimnprst"), (s.ChanModesA, s.ChanModesB, s.ChanModesC, s.ChanModesD));
        Assert.Equal(1024, s.LineLen);
        Assert.Equal(30, s.Monitor);
        Assert.Equal(30, s.NickLen);
        Assert.Equal("Bridges Test", s.Network);
        Assert.Equal(("qaohv", "~&@%+"), (s.PrefixModes, s.PrefixSymbols));
        Assert.Equal(4, s.TargMax["PRIVMSG"]);
        Assert.Null(s.TargMax["NOTICE"]);
        Assert.True(s.Has("UHNAMES"));
        Assert.Null(s.Get("UHNAMES"));
        Assert.True(s.IsChannel("#x"));
        Assert.False(s.IsChannel("&x"));
    }

    [Fact]
    public void Negation_removes_a_token_and_identical_sets_are_shared()
    {
        var a = Apply(IrcISupport.Default, ":s 005 me NICKLEN=16 EXCEPTS :are supported");
        var b = Apply(IrcISupport.Default, ":s 005 me EXCEPTS NICKLEN=16 :are supported");
        Assert.Same(a, b);
        var c = Apply(a, ":s 005 me -EXCEPTS :are supported");
        Assert.False(c.Has("EXCEPTS"));
        Assert.Equal(16, c.NickLen);
    }

    [Fact]
    public void Unescapes_hex_sequences()
    {
        Assert.Equal("a b\\c=d\u00e9", IrcISupport.UnescapeValue("a\\x20b\\x5Cc\\x3Dd\u00e9"));
        Assert.Equal("\u00e9", IrcISupport.UnescapeValue("\\xC3\\xA9"));
    }
}
