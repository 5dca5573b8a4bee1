using System.Text;
using Bridges.Irc.Client;

namespace Bridges.Irc.Tests.Unit;

public sealed class IrcTagsTests
{
    [Theory]
    [InlineData("plain")]
    [InlineData("a;b c\\d\re\nf")]
    [InlineData("\\s\\:")]
    [InlineData("emoji \U0001F600")]
    public void Escape_and_unescape_round_trip(string value)
    {
        var sb = new StringBuilder();
        IrcTags.Escape(value, sb);
        Assert.DoesNotContain(' ', sb.ToString());
        Assert.DoesNotContain(';', sb.ToString());
        Assert.Equal(value, IrcTags.Unescape(sb.ToString()));
    }

    [Fact]
    public void With_and_without_are_immutable()
    {
        var a = IrcTags.Empty.With("x", "1");
        var b = a.With("x", "2").With("y", null);
        var c = b.Without("x");
        Assert.Equal("1", a["x"]);
        Assert.Equal("2", b["x"]);
        Assert.False(c.ContainsKey("x"));
        Assert.True(c.ContainsKey("y"));
        Assert.Same(IrcTags.Empty, IrcTags.Empty.With("z", "1").Without("z"));
    }
}
