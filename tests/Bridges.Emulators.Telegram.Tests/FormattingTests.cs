using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;

namespace Bridges.Emulators.Telegram.Tests;

public sealed class FormattingTests : IAsyncLifetime
{
    private TelegramBotApiEmulator _emulator = null!;
    private TelegramBotClient _client = null!;
    private EmulatedChat _chat = null!;

    public async Task InitializeAsync()
    {
        _emulator = await TestSupport.StartAsync();
        var bot = _emulator.CreateBot("Relay", "relay_bot");
        _chat = _emulator.StartPrivateChat(bot, _emulator.AddUser("Alice"));
        _client = TestSupport.Client(_emulator, bot);
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Theory]
    [InlineData(ParseMode.Html, "<b>open", "Can't find end tag corresponding to start tag \"b\"")]
    [InlineData(ParseMode.Html, "<b>x</i>", "Unmatched end tag at byte offset 4, expected \"</b>\", found \"</i>\"")]
    [InlineData(ParseMode.Html, "é<marquee>x</marquee>", "Unsupported start tag \"marquee\" at byte offset 2")]
    [InlineData(ParseMode.MarkdownV2, "*open", "Can't find end of Bold entity at byte offset 0")]
    [InlineData(ParseMode.MarkdownV2, "a-b", "Character '-' is reserved and must be escaped with the preceding '\\'")]
    [InlineData(ParseMode.Markdown, "_open", "Can't find end of the entity starting at byte offset 0")]
    public async Task Malformed_markup_is_refused_with_Telegrams_message(ParseMode mode, string text, string detail)
    {
        var error = await Assert.ThrowsAsync<ApiRequestException>(() => _client.SendMessage(_chat.Id, text, mode));

        Assert.Equal("Bad Request: can't parse entities: " + detail, error.Message);
    }

    [Fact]
    public async Task Whitespace_is_trimmed_and_offsets_count_UTF16_units()
    {
        var sent = await _client.SendMessage(_chat.Id, "  😀 <b>bold</b> \n", ParseMode.Html);

        Assert.Equal("😀 bold", sent.Text);
        var bold = Assert.Single(sent.Entities!);
        Assert.Equal(3, bold.Offset);
        Assert.Equal(4, bold.Length);
    }

    [Fact]
    public async Task MarkdownV2_user_links_become_text_mentions_and_quotes_span_lines()
    {
        var bob = _emulator.AddUser("Bob");

        var sent = await _client.SendMessage(_chat.Id, $"[Bob](tg://user?id={bob.Id}) said\n>quoted\n>twice\nend", ParseMode.MarkdownV2);

        Assert.Equal("Bob said\nquoted\ntwice\nend", sent.Text);
        Assert.Equal([MessageEntityType.TextMention, MessageEntityType.Blockquote], sent.Entities!.Select(e => e.Type));
        Assert.Equal(bob.Id, sent.Entities![0].User!.Id);
        Assert.Equal("quoted\ntwice", sent.Text!.Substring(sent.Entities![1].Offset, sent.Entities![1].Length));
        _emulator.AssertNoViolations();
    }
}
