using System.Net;
using System.Net.Sockets;
using Bridges.Echo;
using Bridges.Hosting.Runtime;
using Bridges.Matrix.Registration;
using Bridges.Testing;
using Bridges.Testing.Homeserver;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
// Bridges.Host (the bridges command, referenced here) would shadow the generic host's Host inside namespace Bridges.*.
using GenericHost = Microsoft.Extensions.Hosting.Host;

namespace Bridges.Hosting.Tests;

/// <summary>A bridge author's own generic host with one bridge in it: the two lines of <c>docs/embedding.md</c>.</summary>
public sealed class EmbeddingTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("bridges-embed-");

    [Fact]
    public async Task Bridge_in_a_generic_host_bridges_a_message_and_stops_cleanly()
    {
        var port = FreePort();
        var registration = RegistrationFactory.Create("echo", "localhost", $"http://127.0.0.1:{port}", new BridgeInstanceOptions(), [TestEnvironment.TestUserRegex("localhost")]);
        var registrationPath = Path.Combine(_dir.FullName, "echo-registration.yaml");
        await RegistrationYaml.SaveAsync(registration, registrationPath, CancellationToken.None);
        var homeserverOptions = new TestHomeserverOptions { ServerName = "localhost" };
        homeserverOptions.AppServices.Add(AppServiceRegistrationFile.Parse(RegistrationYaml.Serialize(registration)));
        await using var homeserver = await TestHomeserver.StartAsync(homeserverOptions, CancellationToken.None);

        var builder = GenericHost.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["homeserver:url"] = homeserver.BaseUrl.ToString(),
            ["homeserver:servername"] = "localhost",
            ["appservice:port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["metrics:port"] = "0",
            ["storage:connectionstring"] = Path.Combine(_dir.FullName, "bridge.db"),
            ["bridges:echo:registration"] = registrationPath,
        });
        builder.Services.AddBridges(builder.Configuration).AddEcho();
        using var host = builder.Build();
        await host.StartAsync();

        var app = host.Services.GetRequiredService<BridgesHostedService>().Application;
        Assert.Equal("echo", Assert.Single(app.Bridges).Network);
        await using (var alice = await MatrixTestUser.CreateAsync(app.Bridges[0].Bridge.Intents.Client, homeserver.BaseUrl, "localhost", "alice"))
        {
            var room = await alice.JoinAsync("#echo_embedded:localhost");
            await alice.SendTextAsync(room, "hello from my own host");
            await alice.WaitForMessageAsync(room, body => body == $"echo: <{alice.UserId.Localpart}> hello from my own host");
        }

        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(app.ListenUrl, "health/live"))).StatusCode);
        await host.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));

        // Stopped means the listener is gone, not only the bridge idle.
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri(app.ListenUrl, "health/live")));
        homeserver.AssertNoSpecViolations();
    }

    public void Dispose() => _dir.Delete(recursive: true);

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
