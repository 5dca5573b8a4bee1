using Bridges.Core.Content;
using Bridges.Telegram.Bridge;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Bridges.Telegram.Tests;

public sealed class TelegramFormattingTests
{
    [Fact]
    public void Overlapping_entities_close_and_reopen_so_the_html_nests()
    {
        var content = TelegramEntities.ToContent("abcdef", [Entity(MessageEntityType.Bold, 0, 4), Entity(MessageEntityType.Italic, 2, 4)], _ => null);

        Assert.Equal("<strong>ab<em>cd</em></strong><em>ef</em>", content.Html);
    }

    [Fact]
    public void Text_is_escaped_and_code_keeps_its_line_breaks()
    {
        var content = TelegramEntities.ToContent("a<b>\nx\ny", [Entity(MessageEntityType.Pre, 5, 3, language: "cs")], _ => null);

        Assert.Equal("a&lt;b&gt;<br><pre><code class=\"language-cs\">x\ny</code></pre>", content.Html);
    }

    [Fact]
    public void Underline_strikethrough_spoiler_and_code_become_html_and_custom_emoji_stays_as_its_text()
    {
        var content = TelegramEntities.ToContent("u s secret x 👍",
            [Entity(MessageEntityType.Underline, 0, 1), Entity(MessageEntityType.Strikethrough, 2, 1), Entity(MessageEntityType.Spoiler, 4, 6),
             Entity(MessageEntityType.Code, 11, 1), Entity(MessageEntityType.CustomEmoji, 13, 2)], _ => null);

        Assert.Equal("u s secret x 👍", content.Text);
        // The emoji survives whole (as a character reference), never as two broken surrogate halves.
        Assert.Equal("<u>u</u> <del>s</del> <span data-mx-spoiler>secret</span> <code>x</code> &#128077;", content.Html);
        Assert.Equal("u s secret x 👍", System.Net.WebUtility.HtmlDecode(content.Html!.Replace("<u>", "").Replace("</u>", "").Replace("<del>", "").Replace("</del>", "")
            .Replace("<span data-mx-spoiler>", "").Replace("</span>", "").Replace("<code>", "").Replace("</code>", "")));
    }

    [Fact]
    public void Known_username_mention_becomes_a_remote_mention()
    {
        var content = TelegramEntities.ToContent("hi @bob and @nobody", [Entity(MessageEntityType.Mention, 3, 4), Entity(MessageEntityType.Mention, 12, 7)],
            name => name == "bob" ? 42 : null);

        Assert.Equal("hi <a data-remote-user=\"42\">@bob</a> and @nobody", content.Html);
        Assert.Equal("42", Assert.Single(content.Mentions).Value);
    }

    [Fact]
    public void Unsafe_link_stays_plain_text()
    {
        var content = TelegramEntities.ToContent("click", [new MessageEntity { Type = MessageEntityType.TextLink, Offset = 0, Length = 5, Url = "javascript:alert(1)" }], _ => null);

        Assert.Null(content.Html);
    }

    [Fact]
    public void Matrix_html_becomes_text_with_entities()
    {
        var (text, entities) = TelegramHtmlWriter.Convert(new BridgedContent
        {
            Text = "ignored",
            Html = "<p>Hello <b>big</b> <a href=\"https://example.org\">world</a></p><ul><li>one</li><li><span data-mx-spoiler>two</span></li></ul><pre><code class=\"language-py\">x = 1\n</code></pre>",
        });

        Assert.Equal("Hello big world\n• one\n• two\nx = 1", text);
        Assert.Collection(entities,
            e => Assert.Equal((MessageEntityType.Bold, 6, 3), (e.Type, e.Offset, e.Length)),
            e => Assert.Equal((MessageEntityType.TextLink, 10, 5, "https://example.org"), (e.Type, e.Offset, e.Length, e.Url)),
            e => Assert.Equal((MessageEntityType.Spoiler, 24, 3), (e.Type, e.Offset, e.Length)),
            e => Assert.Equal((MessageEntityType.Pre, 28, 5, "py"), (e.Type, e.Offset, e.Length, e.Language)));
    }

    [Fact]
    public void Split_never_cuts_a_surrogate_pair_and_clips_entities()
    {
        var text = new string('a', 4095) + "😀" + "tail";
        var pieces = TelegramHtmlWriter.Split(text, [Entity(MessageEntityType.Bold, 4090, 10)], 4096);

        Assert.Equal(2, pieces.Count);
        Assert.Equal(4095, pieces[0].Text.Length);
        Assert.Equal("😀tail", pieces[1].Text);
        Assert.Equal((4090, 5), (pieces[0].Entities[0].Offset, pieces[0].Entities[0].Length));
        Assert.Equal((0, 5), (pieces[1].Entities[0].Offset, pieces[1].Entities[0].Length));
    }

    private static MessageEntity Entity(MessageEntityType type, int offset, int length, string? language = null) =>
        new() { Type = type, Offset = offset, Length = length, Language = language };
}
