using Bridges.Irc.Client;

namespace Bridges.Irc.Tests.Unit;

public sealed class IrcCaseMappingTests
{
    [Fact]
    public void Rfc1459_folds_brackets_and_tilde()
    {
        var cm = IrcCaseMapping.FromName("rfc1459");
        Assert.True(cm.Equals("Nick[]\\~", "nick{}|^"));
        Assert.Equal(cm.GetHashCode("Nick[]\\~"), cm.GetHashCode("nick{}|^"));
        Assert.Equal("nick{}|^", cm.Normalize("NICK[]\\~"));
    }

    [Fact]
    public void Strict_rfc1459_does_not_fold_tilde()
    {
        var cm = IrcCaseMapping.FromName("rfc1459-strict");
        Assert.True(cm.Equals("A[]\\", "a{}|"));
        Assert.False(cm.Equals("a~", "a^"));
        Assert.Same(cm, IrcCaseMapping.FromName("strict-rfc1459"));
    }

    [Fact]
    public void Ascii_folds_letters_only()
    {
        var cm = IrcCaseMapping.FromName("ascii");
        Assert.True(cm.Equals("ABC", "abc"));
        Assert.False(cm.Equals("a[", "a{"));
        Assert.False(cm.Equals("\u00c9", "\u00e9"));
    }

    [Fact]
    public void Default_is_rfc1459_and_unknown_falls_back_to_ascii()
    {
        Assert.Same(IrcCaseMapping.Rfc1459, IrcCaseMapping.FromName(null));
        Assert.Same(IrcCaseMapping.Ascii, IrcCaseMapping.FromName("something-new"));
        Assert.True(IrcCaseMapping.Rfc7613.Equals("\u00c9T\u00c9", "\u00e9t\u00e9"));
    }

    [Fact]
    public void Works_as_dictionary_comparer()
    {
        var d = new Dictionary<string, int>(IrcCaseMapping.Rfc1459) { ["#Chan[1]"] = 1 };
        Assert.True(d.ContainsKey("#chan{1}"));
    }
}
