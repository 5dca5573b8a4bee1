using System.Text;
using Bridges.Irc.Client;

namespace Bridges.Irc.Tests.Unit;

public sealed class IrcLineSplitterTests
{
    [Fact]
    public void Newlines_start_new_lines()
    {
        var chunks = IrcLineSplitter.Split("a\r\nb\nc\rd", 100);
        Assert.Equal(["a", "b", "c", "d"], chunks.Select(c => c.Text));
        Assert.All(chunks, c => Assert.False(c.IsContinuation));
    }

    [Fact]
    public void Blank_lines_are_kept_for_multiline_and_nul_removed()
    {
        Assert.Equal(["a", "", "b"], IrcLineSplitter.Split("a\n\nb\0", 100).Select(c => c.Text));
    }

    [Fact]
    public void Prefers_word_boundaries_and_keeps_the_space_at_the_end()
    {
        var chunks = IrcLineSplitter.Split("hello world again", 12);
        Assert.Equal(["hello world ", "again"], chunks.Select(c => c.Text));
        Assert.True(chunks[1].IsContinuation);
        Assert.Equal("hello world again", string.Concat(chunks.Select(c => c.Text)));
    }

    [Theory]
    [InlineData("\u00e9")]          // 2 bytes
    [InlineData("\u20ac")]          // 3 bytes
    [InlineData("\U0001F600")]      // 4 bytes, surrogate pair
    [InlineData("\U0001F469\u200D\U0001F4BB")] // ZWJ sequence (one grapheme, 11 bytes)
    public void Never_splits_inside_a_code_point(string unit)
    {
        var text = string.Concat(Enumerable.Repeat(unit, 300));
        foreach (var max in new[] { 7, 50, 99, 400 })
        {
            var chunks = IrcLineSplitter.Split(text, max);
            Assert.Equal(text, string.Concat(chunks.Select(c => c.Text)));
            foreach (var c in chunks)
            {
                Assert.InRange(Encoding.UTF8.GetByteCount(c.Text), 1, max);
                Assert.False(char.IsHighSurrogate(c.Text[^1]), "chunk ends with a lone high surrogate");
                Assert.False(char.IsLowSurrogate(c.Text[0]), "chunk starts with a lone low surrogate");

                // Round trip through UTF-8 must be lossless: no broken sequences.
                Assert.Equal(c.Text, Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(c.Text)));
            }
        }
    }

    [Fact]
    public void Each_relayed_line_fits_512_bytes_with_the_prefix()
    {
        const string nick = "somebody";
        const string user = "~someuser";
        const string host = "some.very.long.host.name.example.org";
        const string target = "#bridged-channel";
        var text = string.Concat(Enumerable.Range(0, 400).Select(i => i % 7 == 0 ? "\u00fcber\U0001F600 " : "w\u00f6rd "));
        var budget = IrcLineSplitter.TextBudget(512, nick, user, host, "PRIVMSG", target, 0);
        var chunks = IrcLineSplitter.Split(text, budget);
        Assert.True(chunks.Count > 3);
        foreach (var c in chunks)
        {
            var relayed = $":{nick}!{user}@{host} PRIVMSG {target} :{c.Text}\r\n";
            Assert.True(Encoding.UTF8.GetByteCount(relayed) <= 512, $"{Encoding.UTF8.GetByteCount(relayed)} bytes");
        }

        // The budget is tight: the longest chunk comes close to the limit.
        Assert.True(chunks.Max(c => Encoding.UTF8.GetByteCount(c.Text)) > budget - 20);
        Assert.Equal(text, string.Concat(chunks.Select(c => c.Text)));
    }

    [Fact]
    public void Long_word_without_spaces_is_cut_hard()
    {
        var chunks = IrcLineSplitter.Split(new string('x', 25), 10);
        Assert.Equal(["xxxxxxxxxx", "xxxxxxxxxx", "xxxxx"], chunks.Select(c => c.Text));
    }
}
