using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bridges.Emulators.Discord.World;

namespace Bridges.Discord.Tests;

/// <summary>Embeds, stickers and custom emoji from Discord as Matrix shows them.</summary>
public sealed class RichContentTests
{
    private static readonly TimeSpan Timeout = DiscordBridgeHarness.Timeout;
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 9, 8, 7];

    private static JsonElement Content(JsonElement e) => e.GetProperty("content");

    private static string? Html(JsonElement e) => Content(e).TryGetProperty("formatted_body", out var f) ? f.GetString() : null;

    /// <summary>Media as the homeserver holds it, fetched with the bridge's token over authenticated media.</summary>
    private static async Task<byte[]> DownloadAsync(DiscordBridgeHarness h, string mxc)
    {
        using var http = new HttpClient { BaseAddress = h.Host.HomeserverUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", h.Host.Registration.AsToken);
        return await http.GetByteArrayAsync($"_matrix/client/v1/media/download/{mxc["mxc://".Length..]}");
    }

    [Fact]
    public async Task An_embed_only_message_arrives_as_a_quote_with_linked_title_description_fields_and_footer()
    {
        await using var h = await DiscordBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("reader");
        var room = await h.JoinPortalAsync(matrix);
        var embed = new JsonObject
        {
            ["type"] = "rich",
            ["title"] = "Tea report",
            ["url"] = "https://example.org/report",
            ["description"] = "Sencha is **up**",
            ["author"] = new JsonObject { ["name"] = "Tea bot" },
            ["fields"] = new JsonArray(new JsonObject { ["name"] = "Cups", ["value"] = "12", ["inline"] = true }),
            ["footer"] = new JsonObject { ["text"] = "brewed daily" },
            ["image"] = new JsonObject { ["url"] = "https://example.org/tea.png" },
        };

        h.Emulator.PostRich(h.General, h.Alice, string.Empty, embeds: [embed]);

        var message = await matrix.WaitForMessageAsync(room, b => b.Contains("Tea report", StringComparison.Ordinal), Timeout);
        Assert.Equal("> Tea bot\n> Tea report (https://example.org/report)\n> Sencha is **up**\n> Cups: 12\n> https://example.org/tea.png\n> brewed daily",
            Content(message).GetProperty("body").GetString());
        var html = Html(message)!;
        Assert.StartsWith("<blockquote>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.org/report\"><strong>Tea report</strong></a>", html, StringComparison.Ordinal);
        Assert.Contains("Sencha is <strong>up</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>Cups</strong>: 12", html, StringComparison.Ordinal);
        Assert.Contains("<em>brewed daily</em>", html, StringComparison.Ordinal);
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task A_link_preview_of_a_url_in_the_text_is_not_repeated_and_unfurling_is_not_an_edit()
    {
        await using var h = await DiscordBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("reader");
        var room = await h.JoinPortalAsync(matrix);
        var preview = new JsonObject { ["type"] = "link", ["url"] = "https://example.org/tea", ["title"] = "Tea" };

        h.Emulator.PostRich(h.General, h.Alice, "see https://example.org/tea", embeds: [preview]);
        var first = await matrix.WaitForMessageAsync(room, b => b.StartsWith("see ", StringComparison.Ordinal), Timeout);
        var later = h.Emulator.Post(h.General, h.Bob, "also https://example.org/green");
        await matrix.WaitForMessageAsync(room, b => b == "also https://example.org/green", Timeout);
        h.Emulator.Unfurl(later, new JsonObject { ["type"] = "article", ["url"] = "https://example.org/green", ["description"] = "All about green tea" });
        h.Emulator.Post(h.General, h.Alice, "marker");
        await matrix.WaitForMessageAsync(room, b => b == "marker", Timeout);

        Assert.Equal("see https://example.org/tea", Content(first).GetProperty("body").GetString());
        Assert.DoesNotContain(matrix.Timeline(room), e => Content(e).TryGetProperty("m.new_content", out _));
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task A_png_sticker_arrives_as_an_image_with_the_cdn_bytes_and_a_lottie_one_as_a_notice()
    {
        await using var h = await DiscordBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("reader");
        var room = await h.JoinPortalAsync(matrix);

        h.Emulator.PostRich(h.General, h.Alice, string.Empty, stickers: [new EmulatedSticker("1100000000000000001", "Teapot", EmulatedSticker.Png, Png)]);
        h.Emulator.PostRich(h.General, h.Bob, string.Empty, stickers: [new EmulatedSticker("1100000000000000002", "Dancing cup", EmulatedSticker.Lottie, "{}"u8.ToArray())]);

        var image = await matrix.WaitForEventAsync(room, e => e.GetProperty("type").GetString() == "m.room.message" && Content(e).TryGetProperty("msgtype", out var t) && t.GetString() == "m.image", Timeout);
        Assert.Equal("Teapot.png", Content(image).GetProperty("body").GetString());
        Assert.Equal("image/png", Content(image).GetProperty("info").GetProperty("mimetype").GetString());
        Assert.Equal(Png, await DownloadAsync(h, Content(image).GetProperty("url").GetString()!));
        var lottie = await matrix.WaitForMessageAsync(room, b => b == "[sticker: Dancing cup]", Timeout);
        Assert.Equal("m.notice", Content(lottie).GetProperty("msgtype").GetString());
        Assert.Equal(h.GhostOf(h.Bob), lottie.GetProperty("sender").GetString());
        h.Emulator.AssertNoViolations();
    }

    /// <summary>
    /// Custom emoji arrive as Matrix inline images (uploaded once per emoji), an emoji the CDN cannot serve as its
    /// <c>:name:</c>, and a Matrix user sending one back (an inline image with its alt text) sends the emoji itself.
    /// </summary>
    [Fact]
    public async Task Custom_emoji_arrive_as_inline_images_and_go_back_as_themselves()
    {
        await using var h = await DiscordBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("reader");
        var room = await h.JoinPortalAsync(matrix);
        byte[] gif = [0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 5, 6];
        var teacup = h.Emulator.AddEmoji(h.Guild, "teacup", Png);
        var steam = h.Emulator.AddEmoji(h.Guild, "steam", gif, animated: true);

        h.Emulator.Post(h.General, h.Alice, $"tea time {teacup.Markdown} **now** {steam.Markdown} {teacup.Markdown} <:gone:1100000000000000009>");

        var message = await matrix.WaitForMessageAsync(room, b => b.StartsWith("tea time", StringComparison.Ordinal), Timeout);
        Assert.Equal("tea time :teacup: **now** :steam: :teacup: :gone:", Content(message).GetProperty("body").GetString());
        var html = Html(message)!;
        var images = System.Text.RegularExpressions.Regex.Matches(html, "<img data-mx-emoticon=\"\" src=\"(?<src>mxc://[^\"]+)\" alt=\"(?<alt>[^\"]+)\" title=\"[^\"]+\" height=\"32\">")
            .Select(m => (Src: m.Groups["src"].Value, Alt: m.Groups["alt"].Value)).ToList();
        Assert.Equal([":teacup:", ":steam:", ":teacup:"], images.Select(i => i.Alt));
        Assert.Equal(images[0].Src, images[2].Src);
        Assert.Equal(Png, await DownloadAsync(h, images[0].Src));
        Assert.Equal(gif, await DownloadAsync(h, images[1].Src));
        Assert.Contains("<strong>now</strong>", html, StringComparison.Ordinal);
        Assert.EndsWith(" :gone:", html, StringComparison.Ordinal);
        Assert.Single(h.Emulator.Requests, r => r.Contains($"/emojis/{teacup.Id}.png", StringComparison.Ordinal));

        await matrix.SendEventAsync(room, "m.room.message", new JsonObject
        {
            ["msgtype"] = "m.text",
            ["body"] = "more :teacup: and :steam: but :nope:",
            ["format"] = "org.matrix.custom.html",
            ["formatted_body"] = $"more <img data-mx-emoticon src=\"{images[0].Src}\" alt=\":teacup:\" height=\"32\"> and "
                + $"<img data-mx-emoticon src=\"{images[1].Src}\" alt=\":steam:\"> but <img data-mx-emoticon src=\"mxc://elsewhere/x\" alt=\":nope:\">",
        });

        var sent = await h.Emulator.WaitForMessageAsync(h.General, m => m.WebhookId is not null && m.Content.StartsWith("more", StringComparison.Ordinal), Timeout);
        Assert.Equal($"more {teacup.Markdown} and {steam.Markdown} but :nope:", sent.Content);
        h.Emulator.AssertNoViolations();
    }
}
