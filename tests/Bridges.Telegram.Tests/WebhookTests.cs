using Telegram.Bot;
using System.Net;
using System.Text;

namespace Bridges.Telegram.Tests;

/// <summary>Webhook mode: Telegram pushes updates to the bridge's listener, which checks the secret token.</summary>
public sealed class WebhookTests
{
    private static readonly TimeSpan Timeout = TelegramBridgeHarness.Timeout;

    [Fact]
    public async Task Updates_arrive_by_webhook_and_calls_without_the_secret_are_refused()
    {
        await using var h = await TelegramBridgeHarness.StartAsync(configure: c => c["bridges:telegram:webhook"] = "true");
        var matrix = await h.Host.CreateUserAsync("reader");

        h.Emulator.SendText(h.Group, h.Alice, "pushed, not polled");
        var room = await h.WaitForPortalRoomAsync(h.Group);
        await matrix.JoinAsync(room.Value);
        await matrix.WaitForMessageAsync(room, b => b == "pushed, not polled", Timeout);

        // The bridge set the webhook on its own listener and never long-polled.
        Assert.Contains(h.Emulator.Requests, r => r.Method == "setWebhook" && r.StatusCode == 200);
        Assert.DoesNotContain(h.Emulator.Requests, r => r.Method == "getUpdates");
        using var api = new HttpClient();
        var info = await new global::Telegram.Bot.TelegramBotClient(new global::Telegram.Bot.TelegramBotClientOptions(h.Bot.Token, h.Emulator.BaseUrl.ToString().TrimEnd('/')), api).GetWebhookInfo();
        var url = info.Url;
        Assert.StartsWith(h.Host.App.ListenUrl.ToString().TrimEnd('/') + "/_bridges/webhook/telegram-", url, StringComparison.Ordinal);

        // Anyone else posting to the webhook gets nothing in: no secret 401, a wrong one 403.
        using var http = new HttpClient();
        var forged = """{"update_id":999999,"message":{"message_id":1,"date":1,"chat":{"id":-1,"type":"group","title":"x"},"from":{"id":1,"is_bot":false,"first_name":"Mallory"},"text":"forged"}}""";
        using (var none = await http.PostAsync(new Uri(url), new StringContent(forged, Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        }

        using var wrong = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(forged, Encoding.UTF8, "application/json") };
        wrong.Headers.Add("X-Telegram-Bot-Api-Secret-Token", "guess");
        using (var answer = await http.SendAsync(wrong))
        {
            Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        }

        h.Emulator.SendText(h.Group, h.Bob, "still flowing");
        await matrix.WaitForMessageAsync(room, b => b == "still flowing", Timeout);
        Assert.DoesNotContain(matrix.Timeline(room), e => e.GetProperty("content").TryGetProperty("body", out var b) && b.GetString() == "forged");
        h.Emulator.AssertNoViolations();
    }
}
