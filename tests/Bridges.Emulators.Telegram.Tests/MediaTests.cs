using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Bridges.Emulators.Telegram.Tests;

public sealed class MediaTests : IAsyncLifetime
{
    private TelegramBotApiEmulator _emulator = null!;
    private EmulatedBot _bot = null!;
    private EmulatedUser _alice = null!;
    private EmulatedChat _chat = null!;
    private TelegramBotClient _client = null!;

    public async Task InitializeAsync()
    {
        _emulator = await TestSupport.StartAsync();
        _bot = _emulator.CreateBot("Relay", "relay_bot");
        _alice = _emulator.AddUser("Alice");
        _chat = _emulator.StartPrivateChat(_bot, _alice);
        _client = TestSupport.Client(_emulator, _bot);
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task Uploaded_photo_round_trips_through_getFile_and_download()
    {
        var png = EmulatorImages.CreatePng(1000, 500);
        using var upload = new MemoryStream(png);

        var sent = await _client.SendPhoto(_chat.Id, InputFile.FromStream(upload, "cat.png"), caption: "<i>cat</i>", parseMode: ParseMode.Html);
        var largest = sent.Photo!.MaxBy(p => p.Width)!;
        var file = await _client.GetFile(largest.FileId);
        using var downloaded = new MemoryStream();
        await _client.DownloadFile(file.FilePath!, downloaded);

        Assert.Equal([90, 320, 800, 1000], sent.Photo!.Select(p => p.Width));
        Assert.Equal(500, largest.Height);
        Assert.Equal("cat", sent.Caption);
        Assert.Equal(MessageEntityType.Italic, Assert.Single(sent.CaptionEntities!).Type);
        Assert.StartsWith("photos/", file.FilePath);
        Assert.Equal(png, downloaded.ToArray());
        _emulator.AssertNoViolations();
    }

    [Fact]
    public async Task File_id_can_be_sent_again_without_uploading()
    {
        using var upload = new MemoryStream("report body"u8.ToArray());
        var first = await _client.SendDocument(_chat.Id, InputFile.FromStream(upload, "report.txt"), caption: "v1",
            captionEntities: [new MessageEntity { Type = MessageEntityType.Bold, Offset = 0, Length = 2 }]);

        var again = await _client.SendDocument(_chat.Id, InputFile.FromFileId(first.Document!.FileId));
        var mismatch = await Assert.ThrowsAsync<ApiRequestException>(() => _client.SendPhoto(_chat.Id, InputFile.FromFileId(first.Document.FileId)));
        var unknown = await Assert.ThrowsAsync<ApiRequestException>(() => _client.SendDocument(_chat.Id, InputFile.FromFileId("no-such-file")));

        Assert.Equal("report.txt", first.Document.FileName);
        Assert.Equal("text/plain", first.Document.MimeType);
        Assert.Equal(11, first.Document.FileSize);
        Assert.Equal(first.Document.FileUniqueId, again.Document!.FileUniqueId);
        Assert.Equal("Bad Request: type of file mismatch", mismatch.Message);
        Assert.Equal("Bad Request: wrong file identifier/HTTP URL specified", unknown.Message);
        using var downloaded = new MemoryStream();
        await _client.GetInfoAndDownloadFile(again.Document.FileId, downloaded);
        Assert.Equal("report body"u8.ToArray(), downloaded.ToArray());
        _emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Caption_limit_is_1024_characters()
    {
        using var upload = new MemoryStream(EmulatorImages.CreatePng(10, 10));

        var error = await Assert.ThrowsAsync<ApiRequestException>(() =>
            _client.SendPhoto(_chat.Id, InputFile.FromStream(upload, "p.png"), caption: new string('x', 1025)));

        Assert.Equal("Bad Request: message caption is too long", error.Message);
        _emulator.AssertNoViolations();
    }

    [Fact]
    public async Task A_photo_that_is_not_an_image_is_refused()
    {
        using var upload = new MemoryStream("not an image"u8.ToArray());

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => _client.SendPhoto(_chat.Id, InputFile.FromStream(upload, "p.png")));

        Assert.Equal("Bad Request: IMAGE_PROCESS_FAILED", error.Message);
    }

    [Fact]
    public async Task Every_media_kind_can_be_sent_and_is_recorded()
    {
        var webp = Convert.FromHexString("52494646240000005745425056503820180000003001009D012A0100010002003425A400037000FEFB940000");

        var sticker = await _client.SendSticker(_chat.Id, InputFile.FromStream(new MemoryStream(webp), "s.webp"), emoji: "😀");
        var voice = await _client.SendVoice(_chat.Id, InputFile.FromStream(new MemoryStream([1, 2, 3]), "v.ogg"), duration: 3);
        var video = await _client.SendVideo(_chat.Id, InputFile.FromStream(new MemoryStream([4, 5]), "clip.mp4"), duration: 2, width: 640, height: 360);
        var animation = await _client.SendAnimation(_chat.Id, InputFile.FromStream(new MemoryStream([6]), "loop.mp4"), width: 320, height: 240);
        var audio = await _client.SendAudio(_chat.Id, InputFile.FromStream(new MemoryStream([7]), "song.mp3"), performer: "Band", title: "Song");

        Assert.Equal(1, sticker.Sticker!.Width);
        Assert.Equal("😀", sticker.Sticker.Emoji);
        Assert.Equal(3, voice.Voice!.Duration);
        Assert.Equal(640, video.Video!.Width);
        Assert.Equal(animation.Animation!.FileId, animation.Document!.FileId);
        Assert.Equal("Song", audio.Audio!.Title);
        Assert.Equal(["sendSticker", "sendVoice", "sendVideo", "sendAnimation", "sendAudio"], _emulator.SentMessages.Select(m => m.Method));
        _emulator.AssertNoViolations();
    }

    [Fact]
    public async Task A_users_photo_can_be_downloaded_by_the_bot()
    {
        var png = EmulatorImages.CreatePng(64, 48);
        _emulator.SendPhoto(_chat, _alice, png, caption: "look");

        var message = Assert.Single(await _client.GetUpdates()).Message!;
        using var downloaded = new MemoryStream();
        await _client.GetInfoAndDownloadFile(message.Photo![^1].FileId, downloaded);

        Assert.Equal("look", message.Caption);
        Assert.Equal(64, message.Photo[^1].Width);
        Assert.Equal(png, downloaded.ToArray());
        _emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Download_of_an_unknown_path_is_404()
    {
        using var destination = new MemoryStream();

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => _client.DownloadFile("photos/file_999.jpg", destination));

        Assert.Equal(404, error.ErrorCode);
    }

    [Fact]
    public async Task Caption_can_be_edited_and_removed()
    {
        using var upload = new MemoryStream(EmulatorImages.CreatePng(20, 20));
        var sent = await _client.SendPhoto(_chat.Id, InputFile.FromStream(upload, "p.png"), caption: "before");

        var edited = await _client.EditMessageCaption(_chat.Id, sent.MessageId, "<b>after</b>", ParseMode.Html);
        var removed = await _client.EditMessageCaption(_chat.Id, sent.MessageId, null);
        var text = await _client.SendMessage(_chat.Id, "plain");
        var noCaption = await Assert.ThrowsAsync<ApiRequestException>(() => _client.EditMessageCaption(_chat.Id, text.MessageId, "x"));

        Assert.Equal("after", edited.Caption);
        Assert.Equal(MessageEntityType.Bold, Assert.Single(edited.CaptionEntities!).Type);
        Assert.Null(removed.Caption);
        Assert.Equal("Bad Request: there is no caption in the message to edit", noCaption.Message);
        Assert.Equal(["after", null], _emulator.BotActions.OfType<BotEditedMessage>().Select(e => e.Caption));
        _emulator.AssertNoViolations();
    }
}
