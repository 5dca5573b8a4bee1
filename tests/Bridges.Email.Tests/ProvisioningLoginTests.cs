using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bridges.Matrix.Ids;
using static Bridges.Email.Tests.EmailBridgeHarness;

namespace Bridges.Email.Tests;

/// <summary>The same login process through the provisioning API, as an integration (a settings page) drives it.</summary>
public sealed class ProvisioningLoginTests
{
    private const string Secret = "provisioning secret for the email tests";

    [Fact]
    public async Task A_mailbox_logged_in_through_the_provisioning_API_bridges_its_mail()
    {
        await using var h = await EmailBridgeHarness.StartAsync(c => c["bridges:email:provisioning:sharedsecret"] = Secret);
        var user = await h.Host.CreateUserAsync("alice");
        var alice = TestMail.NewAddress("alice");
        using var http = new HttpClient();

        var start = await ReadAsync(await ProvisionAsync(h, http, "login/start/password", user.UserId, null));
        Assert.Equal("user_input", start.GetProperty("type").GetString());
        Assert.Equal(["address", "imap", "smtp", "security", "username", "password"], start.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("id").GetString()));
        Assert.True(start.GetProperty("fields")[5].GetProperty("secret").GetBoolean());
        var step = await ReadAsync(await ProvisionAsync(h, http, $"login/step/{start.GetProperty("process_id").GetString()}", user.UserId, new JsonObject
        {
            ["fields"] = new JsonObject
            {
                ["address"] = alice, ["imap"] = TestMail.ImapServer, ["smtp"] = TestMail.SmtpServer, ["security"] = "none", ["username"] = "-", ["password"] = TestMail.Password,
            },
        }));
        Assert.Equal("complete", step.GetProperty("type").GetString());
        Assert.Equal(alice, step.GetProperty("login").GetProperty("id").GetString());

        var carol = TestMail.NewAddress("carol");
        var mail = TestMail.Text(carol, "Carol", alice, "Provisioned", "Hello via provisioning");
        await TestMail.SendAsync(mail);
        var room = await h.ThreadRoomAsync(user, alice, mail);
        await user.WaitForMessageAsync(room, b => b.Contains("Hello via provisioning", StringComparison.Ordinal), WaitTime);
    }

    [Fact]
    public async Task A_wrong_password_through_the_provisioning_API_is_refused_with_the_servers_answer()
    {
        await using var h = await EmailBridgeHarness.StartAsync(c => c["bridges:email:provisioning:sharedsecret"] = Secret);
        var user = await h.Host.CreateUserAsync("alice");
        using var http = new HttpClient();
        var start = await ReadAsync(await ProvisionAsync(h, http, "login/start/password", user.UserId, null));
        using var r = await ProvisionAsync(h, http, $"login/step/{start.GetProperty("process_id").GetString()}", user.UserId, new JsonObject
        {
            ["fields"] = new JsonObject { ["address"] = "x@bridges.test", ["imap"] = TestMail.ImapServer, ["smtp"] = TestMail.SmtpServer, ["security"] = "none", ["username"] = "-", ["password"] = "wrong" },
        });
        var error = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(System.Net.HttpStatusCode.Conflict, r.StatusCode);
        Assert.Equal($"The IMAP server {TestMail.ImapServer} refused the username or password.", error.GetProperty("error").GetString());
        Assert.Empty(await h.Host.Bridge.Bridge.Stores.Logins.ListForUserAsync(user.UserId, CancellationToken.None));
    }

    private static async Task<HttpResponseMessage> ProvisionAsync(EmailBridgeHarness h, HttpClient http, string path, UserId user, JsonObject? body)
    {
        var url = new Uri(h.Host.App.ListenUrl, $"{h.Host.Bridge.PathPrefix.Trim('/')}/_bridges/provision/v1/{path}?user_id={Uri.EscapeDataString(user.Value)}".TrimStart('/'));
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Secret);
        return await http.SendAsync(request);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }
    }
}
