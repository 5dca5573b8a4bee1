using System.Net;
using System.Text.Json.Nodes;

namespace Bridges.Testing.Homeserver.Tests;

public sealed class AppServiceAuthTests
{
    /// <summary>A registration without a URL (nothing is pushed to it), tokens <c>as_&lt;id&gt;</c> and <c>hs_&lt;id&gt;</c>.</summary>
    internal static AppServiceRegistration Registration(string id, string userRegex, bool exclusive = true) => new()
    {
        Id = id,
        Url = null,
        AsToken = "as_" + id,
        HsToken = "hs_" + id,
        SenderLocalpart = id + "bot",
        Users = [new AppServiceNamespace(userRegex, exclusive)],
    };

    private static async Task<TestHomeserver> StartAsync()
    {
        var options = new TestHomeserverOptions();
        options.AppServices.Add(Registration("tg", "@tg_.*:localhost"));
        options.AppServices.Add(Registration("irc", "@irc_.*:localhost", exclusive: false));
        return await TestHomeserver.StartAsync(options);
    }

    [Fact]
    public async Task As_token_acts_as_bot_and_registers_namespaced_users()
    {
        await using var hs = await StartAsync();
        using var http = new MatrixHttp(hs.BaseUrl);

        var bot = await http.OkAsync(HttpMethod.Get, "/_matrix/client/v3/account/whoami", null, "as_tg");
        Assert.Equal("@tgbot:localhost", bot["user_id"]!.GetValue<string>());

        var registered = await http.OkAsync(HttpMethod.Post, "/_matrix/client/v3/register", new JsonObject
        {
            ["type"] = "m.login.application_service",
            ["username"] = "tg_123",
            ["inhibit_login"] = true,
        }, "as_tg");
        Assert.Equal("@tg_123:localhost", registered["user_id"]!.GetValue<string>());
        Assert.Null(registered["access_token"]);

        var again = await http.PostAsync("/_matrix/client/v3/register", new JsonObject
        {
            ["type"] = "m.login.application_service",
            ["username"] = "tg_123",
        }, "as_tg");
        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
        Assert.Equal("M_USER_IN_USE", again.ErrCode);

        var withLogin = await http.OkAsync(HttpMethod.Post, "/_matrix/client/v3/register", new JsonObject
        {
            ["type"] = "m.login.application_service",
            ["username"] = "tg_456",
        }, "as_tg");
        Assert.NotNull(withLogin["access_token"]);
    }

    [Fact]
    public async Task Identity_assertion_works_inside_namespace_only()
    {
        await using var hs = await StartAsync();
        using var http = new MatrixHttp(hs.BaseUrl);
        await http.OkAsync(HttpMethod.Post, "/_matrix/client/v3/register", new JsonObject
        {
            ["type"] = "m.login.application_service",
            ["username"] = "tg_1",
            ["inhibit_login"] = true,
        }, "as_tg");

        var asserted = await http.OkAsync(HttpMethod.Get, "/_matrix/client/v3/account/whoami?user_id=%40tg_1%3Alocalhost", null, "as_tg");
        Assert.Equal("@tg_1:localhost", asserted["user_id"]!.GetValue<string>());

        var unregistered = await http.GetAsync("/_matrix/client/v3/account/whoami?user_id=%40tg_2%3Alocalhost", "as_tg");
        Assert.Equal(HttpStatusCode.Forbidden, unregistered.Status);
        Assert.Equal("M_FORBIDDEN", unregistered.ErrCode);

        hs.RegisterUser("alice");
        var foreign = await http.GetAsync("/_matrix/client/v3/account/whoami?user_id=%40alice%3Alocalhost", "as_tg");
        Assert.Equal(HttpStatusCode.Forbidden, foreign.Status);

        var otherAs = await http.GetAsync("/_matrix/client/v3/account/whoami?user_id=%40tg_1%3Alocalhost", "as_irc");
        Assert.Equal(HttpStatusCode.Forbidden, otherAs.Status);
    }

    [Fact]
    public async Task Exclusive_namespaces_are_enforced()
    {
        await using var hs = await StartAsync();
        using var http = new MatrixHttp(hs.BaseUrl);

        var outside = await http.PostAsync("/_matrix/client/v3/register", new JsonObject
        {
            ["type"] = "m.login.application_service",
            ["username"] = "alice",
            ["inhibit_login"] = true,
        }, "as_tg");
        Assert.Equal("M_EXCLUSIVE", outside.ErrCode);

        var foreignExclusive = await http.PostAsync("/_matrix/client/v3/register", new JsonObject
        {
            ["type"] = "m.login.application_service",
            ["username"] = "tg_9",
            ["inhibit_login"] = true,
        }, "as_irc");
        Assert.Equal("M_EXCLUSIVE", foreignExclusive.ErrCode);

        var byUser = await http.PostAsync("/_matrix/client/v3/register", new JsonObject
        {
            ["username"] = "tg_9",
            ["auth"] = new JsonObject { ["type"] = "m.login.dummy" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, byUser.Status);
        Assert.Equal("M_EXCLUSIVE", byUser.ErrCode);

        // A non-exclusive namespace does not reserve ids.
        var first = await http.PostAsync("/_matrix/client/v3/register", new JsonObject { ["username"] = "irc_9" });
        var session = first.Json!["session"]!.GetValue<string>();
        await http.OkAsync(HttpMethod.Post, "/_matrix/client/v3/register", new JsonObject
        {
            ["username"] = "irc_9",
            ["auth"] = new JsonObject { ["type"] = "m.login.dummy", ["session"] = session },
        }, null);
    }

    [Fact]
    public async Task Appservice_login_issues_a_token_for_a_namespaced_user()
    {
        await using var hs = await StartAsync();
        using var http = new MatrixHttp(hs.BaseUrl);
        await http.OkAsync(HttpMethod.Post, "/_matrix/client/v3/register", new JsonObject
        {
            ["type"] = "m.login.application_service",
            ["username"] = "tg_7",
            ["inhibit_login"] = true,
        }, "as_tg");
        var login = await http.OkAsync(HttpMethod.Post, "/_matrix/client/v3/login", new JsonObject
        {
            ["type"] = "m.login.application_service",
            ["identifier"] = new JsonObject { ["type"] = "m.id.user", ["user"] = "tg_7" },
        }, "as_tg");
        var me = await http.OkAsync(HttpMethod.Get, "/_matrix/client/v3/account/whoami", null, login["access_token"]!.GetValue<string>());
        Assert.Equal("@tg_7:localhost", me["user_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Registration_file_is_parsed_and_checked()
    {
        var registration = AppServiceRegistrationFile.Parse("""
            id: telegram
            url: http://127.0.0.1:29317
            as_token: secret_as
            hs_token: secret_hs
            sender_localpart: telegrambot
            rate_limited: false
            receive_ephemeral: true
            de.sorunome.msc2409.push_ephemeral: true
            namespaces:
              users:
                - exclusive: true
                  regex: '@telegram_.*:localhost'
              aliases:
                - exclusive: true
                  regex: '#telegram_.*:localhost'
              rooms: []
            """);
        Assert.Equal("telegram", registration.Id);
        Assert.Equal(new Uri("http://127.0.0.1:29317"), registration.Url);
        Assert.True(registration.ReceiveEphemeral);
        Assert.True(registration.Msc2409PushEphemeral);
        Assert.True(registration.Users[0].Exclusive);
        Assert.True(registration.IsInterestedInUser("@telegram_1:localhost", "localhost"));
        Assert.True(registration.IsInterestedInUser("@telegrambot:localhost", "localhost"));
        Assert.False(registration.IsInterestedInUser("@x_telegram_1:localhost", "localhost"));
        Assert.True(registration.IsInterestedInAlias("#telegram_x:localhost"));

        var error = Assert.Throws<FormatException>(() => AppServiceRegistrationFile.Parse("id: x\nurl: null\n"));
        Assert.Contains("as_token", error.Message, StringComparison.Ordinal);
    }
}
