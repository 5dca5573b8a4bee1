using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Bridges.Emulators.Discord.Validation;

namespace Bridges.Emulators.Discord.Tests;

/// <summary>Multipart uploads as any Discord client sends them: <c>payload_json</c> plus <c>files[n]</c>.</summary>
public sealed class UploadTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 7, 7, 7];

    private static async Task<(DiscordEmulator Emulator, HttpClient Http, World.EmulatedChannel Channel)> StartAsync(int premiumTier = 0)
    {
        var emulator = new DiscordEmulator();
        await emulator.StartAsync();
        var bot = emulator.CreateBot("Relay");
        var alice = emulator.AddUser("alice");
        var guild = emulator.CreateGuild("Guild", alice, premiumTier);
        emulator.AddMember(guild, bot);
        var channel = emulator.CreateTextChannel(guild, "general", 0);
        var http = new HttpClient { BaseAddress = new Uri(emulator.BaseUrl, "api/v10/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bot", bot.Token);
        return (emulator, http, channel);
    }

    private static MultipartFormDataContent Form(string payloadJson, params (string Part, string Name, byte[] Data)[] files)
    {
        var form = new MultipartFormDataContent { { new StringContent(payloadJson, Encoding.UTF8, "application/json"), "payload_json" } };
        foreach (var (part, name, data) in files)
        {
            var content = new ByteArrayContent(data);
            content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(content, part, name);
        }

        return form;
    }

    [Fact]
    public async Task A_file_with_payload_json_is_stored_under_the_attachments_name_and_served_from_the_cdn()
    {
        var (emulator, http, channel) = await StartAsync();
        await using var _e = emulator;
        using var _h = http;

        using var response = await http.PostAsync($"channels/{channel.Id}/messages",
            Form("""{"content":"a cup","attachments":[{"id":"0","filename":"cup.png"}]}""", ("files[0]", "upload.png", Png)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("a cup", message["content"]!.GetValue<string>());
        var attachment = message["attachments"]![0]!;
        Assert.Equal("cup.png", attachment["filename"]!.GetValue<string>());
        Assert.Equal(Png.Length, attachment["size"]!.GetValue<int>());
        Assert.Equal("image/png", attachment["content_type"]!.GetValue<string>());
        using var cdn = new HttpClient();
        Assert.Equal(Png, await cdn.GetByteArrayAsync(new Uri(attachment["url"]!.GetValue<string>())));
        Assert.Empty(emulator.Violations);
    }

    [Fact]
    public async Task A_payload_json_the_spec_refuses_gets_discords_400_and_is_recorded()
    {
        var (emulator, http, channel) = await StartAsync();
        await using var _e = emulator;
        using var _h = http;

        using var response = await http.PostAsync($"channels/{channel.Id}/messages", Form("""{"content":5}""", ("files[0]", "a.png", Png)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(50035, error["code"]!.GetValue<int>());
        Assert.StartsWith("Invalid Form Body", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var violation = Assert.Single(emulator.Violations);
        Assert.Equal(SpecViolationKind.Request, violation.Kind);
        Assert.Contains("$.content", violation.Detail, StringComparison.Ordinal);
        Assert.Empty(emulator.MessagesIn(channel));
    }

    [Fact]
    public async Task A_payload_json_that_is_not_json_gets_50109_and_a_misnamed_file_part_50035()
    {
        var (emulator, http, channel) = await StartAsync();
        await using var _e = emulator;
        using var _h = http;

        using var notJson = await http.PostAsync($"channels/{channel.Id}/messages", Form("{content", ("files[0]", "a.png", Png)));
        using var misnamed = await http.PostAsync($"channels/{channel.Id}/messages", Form("""{"content":"x"}""", ("file", "a.png", Png)));

        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(50109, JsonNode.Parse(await notJson.Content.ReadAsStringAsync())!["code"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.BadRequest, misnamed.StatusCode);
        Assert.Equal(50035, JsonNode.Parse(await misnamed.Content.ReadAsStringAsync())!["code"]!.GetValue<int>());
        Assert.Equal(2, emulator.Violations.Count);
    }

    [Fact]
    public async Task A_file_over_the_guilds_upload_limit_gets_413_request_entity_too_large_through_a_webhook_too()
    {
        var (emulator, http, channel) = await StartAsync();
        await using var _e = emulator;
        using var _h = http;
        using var created = await http.PostAsync($"channels/{channel.Id}/webhooks", new StringContent("""{"name":"Bridge"}""", Encoding.UTF8, "application/json"));
        var hook = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        var big = new byte[(10 << 20) + 1];

        using var anonymous = new HttpClient();
        using var response = await anonymous.PostAsync(new Uri(emulator.BaseUrl, $"api/v10/webhooks/{hook["id"]}/{hook["token"]}?wait=true"),
            Form("""{"content":"big","username":"Someone"}""", ("files[0]", "big.bin", big)));
        using var fits = await anonymous.PostAsync(new Uri(emulator.BaseUrl, $"api/v10/webhooks/{hook["id"]}/{hook["token"]}?wait=true"),
            Form("""{"username":"Someone"}""", ("files[0]", "small.png", Png)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(40005, error["code"]!.GetValue<int>());
        Assert.Equal("Request entity too large", error["message"]!.GetValue<string>());
        // A file alone (no content) is a message.
        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
        var stored = Assert.Single(emulator.MessagesIn(channel));
        Assert.Equal("small.png", Assert.Single(stored.Attachments).FileName);
        Assert.Empty(emulator.Violations);
    }
}
