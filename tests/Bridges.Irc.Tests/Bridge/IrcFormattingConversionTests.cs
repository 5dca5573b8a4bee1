using Bridges.Core.Content;
using Bridges.Core.Network.Ids;
using Bridges.Irc.Bridge;

namespace Bridges.Irc.Tests.Bridge;

/// <summary>IRC formatting codes ↔ Matrix HTML, and mentions, without a server.</summary>
public sealed class IrcFormattingConversionTests
{
    private static string Irc(string html, Func<string, string?>? remote = null, Func<string, string?>? matrix = null) =>
        IrcHtmlWriter.Convert(html, remote ?? (_ => null), matrix ?? (_ => null), u => "https://hs.example/" + u["mxc://".Length..]);

    [Fact]
    public void Html_styles_become_irc_codes_per_line()
    {
        Assert.Equal("\u0002bold\u0002 \u001Ditalic\u001D \u000304red\u000F \u0011code",
            Irc("<strong>bold</strong> <em>italic</em> <font data-mx-color=\"#ff0000\">red</font> <code>code</code>"));
        Assert.Equal("\u001Funder\u001F \u001Egone", Irc("<u>under</u> <del>gone</del>"));
        // Each line carries its own codes: IRC clients reset formatting at the end of a line.
        Assert.Equal("\u0002one\n\u0002two", Irc("<b>one<br>two</b>"));
    }

    [Fact]
    public void Blocks_become_lines_with_quote_and_list_markers()
    {
        Assert.Equal("> quoted\nreply", Irc("<blockquote>quoted</blockquote><p>reply</p>"));
        Assert.Equal("• a\n• b\n1. x\n2. y", Irc("<ul><li>a</li><li>b</li></ul><ol><li>x</li><li>y</li></ol>"));
        Assert.Equal("\u0011line 1\n\u0011  line 2", Irc("<pre><code>line 1\n  line 2\n</code></pre>"));
        Assert.Equal("a b", Irc("a\n   b"));
    }

    [Fact]
    public void Mentions_and_links_become_nicks_and_urls()
    {
        Assert.Equal("Bob: hi", Irc("<a data-remote-user=\"test/bob\">bob (IRC)</a>: hi", remote: id => id == "test/bob" ? "Bob" : null));
        Assert.Equal("alice[m]: hi", Irc("<a href=\"https://matrix.to/#/%40alice%3Alocalhost\">Alice</a>: hi", matrix: id => id == "@alice:localhost" ? "alice[m]" : null));
        Assert.Equal("Carol: hi", Irc("<a href=\"https://matrix.to/#/@carol:localhost\">Carol</a>: hi"));
        Assert.Equal("the docs (https://example.org/docs)", Irc("<a href=\"https://example.org/docs\">the docs</a>"));
        Assert.Equal("cat https://hs.example/hs/abc", Irc("<img src=\"mxc://hs/abc\" alt=\"cat\">"));
    }

    [Fact]
    public void Spoilers_and_colours_map_to_the_irc_palette()
    {
        Assert.Equal("\u000301,01secret", Irc("<span data-mx-spoiler=\"\">secret</span>"));
        Assert.Equal(4, IrcHtmlWriter.NearestColor("#fe0101")!.Value.Index);
        Assert.Null(IrcHtmlWriter.NearestColor("red"));
    }

    [Fact]
    public void Irc_codes_become_safe_html_and_plain_text_is_kept()
    {
        var content = IrcText.ToContent("\u0002bold\u0002 \u000304,01red on black\u000F \u0011x<y\u0011", MessageKind.Text, _ => null);
        Assert.Equal("bold red on black x<y", content.Text);
        Assert.Equal("<b>bold</b> <font data-mx-color=\"#ff0000\" data-mx-bg-color=\"#000000\">red on black</font> <code>x&lt;y</code>", content.Html);
        Assert.Null(IrcText.ToContent("just text", MessageKind.Text, _ => null).Html);
        Assert.Equal("<span data-mx-spoiler=\"\">hidden</span>", IrcText.ToContent("\u000301,01hidden", MessageKind.Text, _ => null).Html);
    }

    [Fact]
    public void Member_nicks_become_remote_mentions_ghosts_and_puppets_alike()
    {
        // A puppet's nick is a remote user too: the core turns it into a mention of the Matrix user behind it.
        var bob = new RemoteUserId("test/bob");
        var alice = new RemoteUserId("test/alice[m]");
        var content = IrcText.ToContent("bob, ask alice[m] or bobby, bob", MessageKind.Text, word => word switch
        {
            "bob" => new IrcMention(bob, "bob"),
            "alice[m]" => new IrcMention(alice, "alice[m]"),
            _ => null,
        });
        Assert.Equal([bob, alice], content.Mentions);
        Assert.Equal("<a data-remote-user=\"test/bob\">bob</a>, ask <a data-remote-user=\"test/alice[m]\">alice[m]</a> or bobby, <a data-remote-user=\"test/bob\">bob</a>", content.Html);
    }
}
