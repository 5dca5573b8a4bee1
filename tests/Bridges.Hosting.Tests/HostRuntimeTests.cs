using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Bridges.Echo;
using Bridges.Hosting.Runtime;
using Bridges.Matrix.Registration;
using Bridges.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Bridges.Hosting.Tests;

public sealed class HostRuntimeTests
{
    [Fact]
    public async Task Metrics_count_bridged_messages_in_both_directions()
    {
        await using var host = await BridgeTestHost.StartAsync(EchoNetwork.CreatePlugin("echom"));
        var alice = await host.CreateUserAsync("alice");
        var room = await alice.JoinAsync($"#echom_metrics:{host.ServerName}");
        using var http = new HttpClient();
        var before = await http.GetStringAsync(new Uri(host.App.MetricsUrl!, "metrics"));

        await alice.SendTextAsync(room, "count me");
        await alice.WaitForMessageAsync(room, b => b.StartsWith("echo: ", StringComparison.Ordinal));

        // A bridged event is counted once its handler has returned, which can be just after the reply is visible in
        // the room (a loaded machine widens that gap): wait for the counters, do not sample them once.
        var after = before;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!(Counter(after, "bridges_events_bridged", "echom", "to_remote") > Counter(before, "bridges_events_bridged", "echom", "to_remote")
            && Counter(after, "bridges_events_bridged", "echom", "to_matrix") > Counter(before, "bridges_events_bridged", "echom", "to_matrix"))
            && DateTime.UtcNow < deadline)
        {
            await Task.Yield();
            after = await http.GetStringAsync(new Uri(host.App.MetricsUrl!, "metrics"));
        }

        Assert.True(Counter(after, "bridges_events_bridged", "echom", "to_remote") > Counter(before, "bridges_events_bridged", "echom", "to_remote"), after);
        Assert.True(Counter(after, "bridges_events_bridged", "echom", "to_matrix") > Counter(before, "bridges_events_bridged", "echom", "to_matrix"));
        Assert.Contains("bridges_appservice_transactions{", after, StringComparison.Ordinal);
        Assert.Contains("bridges_relay_latency_bucket", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_are_not_served_on_the_public_listener()
    {
        await using var host = await BridgeTestHost.StartAsync(EchoNetwork.CreatePlugin("echop"));
        using var http = new HttpClient();

        // The main listener serves media links and webhooks to the internet: no metrics there.
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(host.App.ListenUrl, "metrics"))).StatusCode);
        Assert.NotEqual(host.App.ListenUrl.Port, host.App.MetricsUrl!.Port);
        var metrics = await http.GetAsync(new Uri(host.App.MetricsUrl, "metrics"));
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Contains("bridges_", await metrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // And the metrics listener serves nothing else.
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(host.App.MetricsUrl, "health/live"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(host.App.ListenUrl, "health/live"))).StatusCode);
    }

    [Fact]
    public async Task Logs_of_a_full_run_hold_no_secret()
    {
        var capture = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(capture).SetMinimumLevel(LogLevel.Trace));
        const string provisioningSecret = "prov-secret-7f3a9c";
        await using (var host = await BridgeTestHost.StartAsync(EchoNetwork.CreatePlugin("echol"), c => c["bridges:echol:provisioning:sharedsecret"] = provisioningSecret, loggers))
        {
            var alice = await host.CreateUserAsync("alice");
            var room = await alice.JoinAsync($"#echol_logs:{host.ServerName}");
            await alice.SendTextAsync(room, "hello");
            await alice.WaitForMessageAsync(room, b => b.StartsWith("echo: ", StringComparison.Ordinal));
            using var http = new HttpClient();
            using var wrong = new HttpRequestMessage(HttpMethod.Put, new Uri(host.App.ListenUrl, "_matrix/app/v1/transactions/x?access_token=" + host.Registration.AsToken));
            wrong.Content = new StringContent("{\"events\":[]}", Encoding.UTF8, "application/json");
            Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(wrong)).StatusCode);

            var secrets = new[] { host.Registration.AsToken, host.Registration.HsToken, provisioningSecret };
            Assert.NotEmpty(capture.Lines);
            foreach (var line in capture.Everything)
            {
                foreach (var secret in secrets)
                {
                    Assert.DoesNotContain(secret, line, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public async Task Two_bridges_in_one_host_each_reject_the_others_hs_token()
    {
        var a = RegistrationTokens.Create("bridges-a", null, "abot", new RegistrationNamespaces());
        var b = RegistrationTokens.Create("bridges-b", null, "bbot", new RegistrationNamespaces());
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["homeserver:url"] = "http://127.0.0.1:9/",
            ["homeserver:servername"] = "localhost",
            ["appservice:address"] = "127.0.0.1",
            ["appservice:port"] = "0",
            ["metrics:port"] = "0",
            ["storage:connectionstring"] = Path.Combine(Path.GetTempPath(), $"bridges-host-{Guid.NewGuid():N}.db"),
            ["bridges:echoa:pathprefix"] = "/a",
            ["bridges:echob:pathprefix"] = "/b",
        }).Build();
        using var loggers = LoggerFactory.Create(_ => { });
        await using var app = await BridgesApplication.StartAsync(config, [EchoNetwork.CreatePlugin("echoa"), EchoNetwork.CreatePlugin("echob")],
            new Dictionary<string, AppServiceRegistration> { ["echoa"] = a, ["echob"] = b }, loggers, TimeProvider.System, CancellationToken.None);
        using var http = new HttpClient();

        Assert.Equal(HttpStatusCode.Forbidden, await PutAsync(http, app, "/a", b.HsToken));
        Assert.Equal(HttpStatusCode.Forbidden, await PutAsync(http, app, "/b", a.HsToken));
        Assert.Equal(HttpStatusCode.OK, await PutAsync(http, app, "/a", a.HsToken));
        Assert.Equal(HttpStatusCode.OK, await PutAsync(http, app, "/b", b.HsToken));
    }

    [Fact]
    public async Task Two_bridges_on_one_path_prefix_are_refused_at_start_naming_both()
    {
        var a = RegistrationTokens.Create("bridges-a", null, "abot", new RegistrationNamespaces());
        var b = RegistrationTokens.Create("bridges-b", null, "bbot", new RegistrationNamespaces());
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["homeserver:url"] = "http://127.0.0.1:9/",
            ["homeserver:servername"] = "localhost",
            ["appservice:address"] = "127.0.0.1",
            ["appservice:port"] = "0",
            ["metrics:port"] = "0",
            ["storage:connectionstring"] = Path.Combine(Path.GetTempPath(), $"bridges-host-{Guid.NewGuid():N}.db"),
            ["bridges:echoa:pathprefix"] = "/same",
            ["bridges:echob:pathprefix"] = "/same",
        }).Build();
        using var loggers = LoggerFactory.Create(_ => { });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => BridgesApplication.StartAsync(config, [EchoNetwork.CreatePlugin("echoa"), EchoNetwork.CreatePlugin("echob")],
            new Dictionary<string, AppServiceRegistration> { ["echoa"] = a, ["echob"] = b }, loggers, TimeProvider.System, CancellationToken.None));
        Assert.Contains("echoa and echob", error.Message, StringComparison.Ordinal);
        Assert.Contains("/same", error.Message, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> PutAsync(HttpClient http, BridgesApplication app, string prefix, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(app.ListenUrl, $"{prefix.TrimStart('/')}/_matrix/app/v1/transactions/{Guid.NewGuid():N}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Content = new StringContent("{\"events\":[]}", Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static double Counter(string exposition, string name, string network, string direction) =>
        exposition.Split('\n')
            .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) && l.Contains($"network=\"{network}\"", StringComparison.Ordinal) && l.Contains($"direction=\"{direction}\"", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
}
