using Bridges.Irc.Client;

namespace Bridges.Irc.Tests.Unit;

public sealed class IrcFormattingTests
{
    [Fact]
    public void Parses_toggles_and_reset()
    {
        var spans = IrcFormatting.Parse("a\u0002b\u001Dc\u0002d\u000Fe");
        Assert.Equal(
            [
                new IrcTextSpan("a"),
                new IrcTextSpan("b", IrcTextStyle.Bold),
                new IrcTextSpan("c", IrcTextStyle.Bold | IrcTextStyle.Italic),
                new IrcTextSpan("d", IrcTextStyle.Italic),
                new IrcTextSpan("e"),
            ],
            spans);
    }

    [Fact]
    public void Parses_all_toggle_codes()
    {
        var s = IrcFormatting.Parse("\u001Fu\u001F\u001Es\u001E\u0011m\u0011\u0016r");
        Assert.Equal(IrcTextStyle.Underline, s[0].Style);
        Assert.Equal(IrcTextStyle.Strikethrough, s[1].Style);
        Assert.Equal(IrcTextStyle.Monospace, s[2].Style);
        Assert.Equal(IrcTextStyle.Reverse, s[3].Style);
    }

    [Fact]
    public void Parses_spec_colour_examples()
    {
        // "I love C3IRC! CIt is the C7best protocol ever!"
        var s = IrcFormatting.Parse("I love \u00033IRC! \u0003It is the \u00037best protocol ever!");
        Assert.Equal(new IrcTextSpan("IRC! ", Foreground: IrcColor.FromIndex(3)), s[1]);
        Assert.Equal(new IrcTextSpan("It is the "), s[2]);
        Assert.Equal(IrcColor.FromIndex(7), s[3].Foreground);

        // "Rules: Don't spam 5C13,8,6C,7,8, and especially not B9BI!"
        s = IrcFormatting.Parse("Rules: Don't spam 5\u000313,8,6\u0003,7,8, and especially not \u00029\u0002\u001D!");
        Assert.Equal("Rules: Don't spam 5", s[0].Text);
        Assert.Equal(new IrcTextSpan(",6", Foreground: IrcColor.FromIndex(13), Background: IrcColor.FromIndex(8)), s[1]);
        Assert.Equal(new IrcTextSpan(",7,8, and especially not "), s[2]);
        Assert.Equal(new IrcTextSpan("9", IrcTextStyle.Bold), s[3]);
        Assert.Equal(new IrcTextSpan("!", IrcTextStyle.Italic), s[4]);
    }

    [Fact]
    public void Reads_two_digits_when_available()
    {
        var s = IrcFormatting.Parse("\u0003123");
        Assert.Equal(new IrcTextSpan("3", Foreground: IrcColor.FromIndex(12)), Assert.Single(s));
    }

    [Fact]
    public void Foreground_only_keeps_background()
    {
        var s = IrcFormatting.Parse("\u00034,2a\u00035b");
        Assert.Equal(IrcColor.FromIndex(2), s[1].Background);
        Assert.Equal(IrcColor.FromIndex(5), s[1].Foreground);
    }

    [Fact]
    public void Colour_99_is_default()
    {
        var s = IrcFormatting.Parse("\u000399,04x");
        Assert.Null(s[0].Foreground);
        Assert.Equal(IrcColor.FromIndex(4), s[0].Background);
    }

    [Fact]
    public void Parses_hex_colours()
    {
        var s = IrcFormatting.Parse("\u0004FF0000,00ff00x\u0004y\u0004zz");
        Assert.Equal(new IrcTextSpan("x", Foreground: IrcColor.FromRgb(0xFF0000), Background: IrcColor.FromRgb(0x00FF00)), s[0]);
        Assert.Equal(new IrcTextSpan("yzz"), s[1]);
        Assert.Equal("#ff0000", s[0].Foreground!.Value.ToHex());
    }

    [Theory]
    [InlineData("plain text")]
    [InlineData("\u0002bold\u0002 \u001Ditalic\u001D \u001Funder\u001F \u001Estrike\u001E \u0011mono\u0011 \u0016rev\u0016")]
    [InlineData("\u00034red\u0003 normal \u00034,12red on blue\u000F back")]
    [InlineData("\u000312" + "5 digits after colour")]
    [InlineData("\u00034,5x\u0003" + "1 number after reset")]
    [InlineData("\u00034x\u0002,5 comma after colour")]
    [InlineData("\u0004AABBCCrgb\u000F plain")]
    public void Render_of_parse_gives_the_same_spans(string formatted)
    {
        var spans = IrcFormatting.Parse(formatted);
        var rendered = IrcFormatting.Render(spans);
        Assert.Equal(spans, IrcFormatting.Parse(rendered));
    }

    [Fact]
    public void Render_avoids_eating_digits_and_commas()
    {
        var rendered = IrcFormatting.Render(
        [
            new IrcTextSpan("1", Foreground: IrcColor.FromIndex(4)),
            new IrcTextSpan("2"),
            new IrcTextSpan(",3", Foreground: IrcColor.FromIndex(5)),
        ]);
        var spans = IrcFormatting.Parse(rendered);
        Assert.Equal("1", spans[0].Text);
        Assert.Equal(new IrcTextSpan("2"), spans[1]);
        Assert.Equal(new IrcTextSpan(",3", Foreground: IrcColor.FromIndex(5)), spans[2]);
    }

    [Fact]
    public void Strip_removes_codes()
    {
        Assert.Equal("IRC is so great!", IrcFormatting.Strip("IRC \u0002is \u00034,12so \u0003great\u000F!"));
        Assert.Equal("no codes", IrcFormatting.Strip("no codes"));
    }

    [Fact]
    public void Palette_has_spec_values()
    {
        Assert.Equal(0x470000, IrcColor.FromIndex(16).Rgb);
        Assert.Equal(0xFFFFFF, IrcColor.FromIndex(98).Rgb);
        Assert.Equal(0xFF0000, IrcColor.FromIndex(4).Rgb);
    }
}
