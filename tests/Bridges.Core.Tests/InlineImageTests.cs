using Bridges.Core.Formatting;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Tests;

/// <summary>Plugin inline-image tags as the core turns them into Matrix HTML.</summary>
public sealed class InlineImageTests
{
    [Fact]
    public void Tags_become_matrix_emoticons_or_their_alt_text_and_survive_the_sanitiser()
    {
        var html = $"a {InlineImages.Tag("emoji:1", ":tea\"<cup>:")} b {InlineImages.Tag("emoji:2", ":gone:")}";
        Assert.Equal(["emoji:1", "emoji:2"], InlineImages.IdsIn(html));

        var uri = MxcUri.Parse("mxc://example.org/abc");
        var matrix = MatrixHtml.Sanitize(InlineImages.ToMatrix(html, id => id == "emoji:1" ? uri : null));

        Assert.Equal(
            "a <img data-mx-emoticon=\"\" src=\"mxc://example.org/abc\" alt=\":tea&quot;&lt;cup&gt;:\" title=\":tea&quot;&lt;cup&gt;:\" height=\"32\"> b :gone:",
            matrix);
    }

    [Fact]
    public void Remote_text_that_spells_a_tag_stays_text()
    {
        // A plugin escapes remote text, so a sender who types the tag cannot make the core fetch or show anything.
        var html = MatrixHtml.Escape("<img data-remote-image=\"emoji:1\" alt=\"x\">");

        Assert.Empty(InlineImages.IdsIn(html));
        Assert.Equal(html, InlineImages.ToMatrix(html, _ => MxcUri.Parse("mxc://example.org/abc")));
    }
}
