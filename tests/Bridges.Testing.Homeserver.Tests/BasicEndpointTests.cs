using System.Net;
using System.Text.Json.Nodes;

namespace Bridges.Testing.Homeserver.Tests;

public sealed class BasicEndpointTests
{
    [Fact]
    public async Task Versions_lists_spec_versions_without_auth()
    {
        await using var hs = await TestHomeserver.StartAsync();
        using var http = new MatrixHttp(hs.BaseUrl);
        var json = await http.OkAsync(HttpMethod.Get, "/_matrix/client/versions", null, null);
        var versions = json["versions"]!.AsArray().Select(v => v!.GetValue<string>()).ToList();
        for (var minor = 11; minor <= 19; minor++)
        {
            Assert.Contains($"v1.{minor}", versions);
        }
    }

    [Fact]
    public async Task Whoami_needs_a_known_token()
    {
        await using var hs = await TestHomeserver.StartAsync();
        using var http = new MatrixHttp(hs.BaseUrl);
        var alice = hs.RegisterUser("alice");

        var me = await http.OkAsync(HttpMethod.Get, "/_matrix/client/v3/account/whoami", null, alice.AccessToken);
        Assert.Equal("@alice:localhost", me["user_id"]!.GetValue<string>());
        Assert.Equal(alice.DeviceId, me["device_id"]!.GetValue<string>());

        var missing = await http.GetAsync("/_matrix/client/v3/account/whoami");
        Assert.Equal(HttpStatusCode.Unauthorized, missing.Status);
        Assert.Equal("M_MISSING_TOKEN", missing.ErrCode);

        var unknown = await http.GetAsync("/_matrix/client/v3/account/whoami", "nope");
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.Status);
        Assert.Equal("M_UNKNOWN_TOKEN", unknown.ErrCode);

        var query = await http.GetAsync("/_matrix/client/v3/account/whoami?access_token=" + alice.AccessToken);
        Assert.Equal(HttpStatusCode.OK, query.Status);

        var asserted = await http.GetAsync("/_matrix/client/v3/account/whoami?user_id=%40bob%3Alocalhost", alice.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, asserted.Status);
    }

    [Fact]
    public async Task Media_config_and_capabilities()
    {
        await using var hs = await TestHomeserver.StartAsync(new TestHomeserverOptions { MaxUploadBytes = 1234 });
        using var http = new MatrixHttp(hs.BaseUrl);
        var alice = hs.RegisterUser("alice");
        var config = await http.OkAsync(HttpMethod.Get, "/_matrix/client/v1/media/config", null, alice.AccessToken);
        Assert.Equal(1234, config["m.upload.size"]!.GetValue<long>());
        var capabilities = await http.OkAsync(HttpMethod.Get, "/_matrix/client/v3/capabilities", null, alice.AccessToken);
        Assert.Equal("10", capabilities["capabilities"]!["m.room_versions"]!["default"]!.GetValue<string>());
    }

    [Fact]
    public async Task Password_registration_goes_through_dummy_uia_then_login_and_logout()
    {
        await using var hs = await TestHomeserver.StartAsync();
        using var http = new MatrixHttp(hs.BaseUrl);
        var first = await http.PostAsync("/_matrix/client/v3/register", new JsonObject { ["username"] = "carol", ["password"] = "pw" });
        Assert.Equal(HttpStatusCode.Unauthorized, first.Status);
        var session = first.Json!["session"]!.GetValue<string>();
        Assert.Equal("m.login.dummy", first.Json["flows"]![0]!["stages"]![0]!.GetValue<string>());

        var done = await http.OkAsync(HttpMethod.Post, "/_matrix/client/v3/register", new JsonObject
        {
            ["username"] = "carol",
            ["password"] = "pw",
            ["auth"] = new JsonObject { ["type"] = "m.login.dummy", ["session"] = session },
        }, null);
        Assert.Equal("@carol:localhost", done["user_id"]!.GetValue<string>());

        var again = await http.PostAsync("/_matrix/client/v3/register", new JsonObject { ["username"] = "carol" });
        Assert.Equal("M_USER_IN_USE", again.ErrCode);

        var wrong = await http.PostAsync("/_matrix/client/v3/login", new JsonObject
        {
            ["type"] = "m.login.password",
            ["identifier"] = new JsonObject { ["type"] = "m.id.user", ["user"] = "carol" },
            ["password"] = "bad",
        });
        Assert.Equal(HttpStatusCode.Forbidden, wrong.Status);

        var login = await http.OkAsync(HttpMethod.Post, "/_matrix/client/v3/login", new JsonObject
        {
            ["type"] = "m.login.password",
            ["identifier"] = new JsonObject { ["type"] = "m.id.user", ["user"] = "carol" },
            ["password"] = "pw",
        }, null);
        var token = login["access_token"]!.GetValue<string>();
        await http.OkAsync(HttpMethod.Post, "/_matrix/client/v3/logout", new JsonObject(), token);
        Assert.Equal("M_UNKNOWN_TOKEN", (await http.GetAsync("/_matrix/client/v3/account/whoami", token)).ErrCode);
    }

    [Fact]
    public async Task Closed_registration_is_refused()
    {
        await using var hs = await TestHomeserver.StartAsync(new TestHomeserverOptions { EnableOpenRegistration = false });
        using var http = new MatrixHttp(hs.BaseUrl);
        var response = await http.PostAsync("/_matrix/client/v3/register", new JsonObject { ["username"] = "dave" });
        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
    }
}
