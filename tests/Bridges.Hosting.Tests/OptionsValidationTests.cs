using Bridges.Echo;
using Bridges.Hosting.Configuration;
using Bridges.Irc;
using Bridges.Telegram;
using Microsoft.Extensions.Configuration;
// Bridges.Host (the bridges command, referenced here) would shadow the generic host's Host inside namespace Bridges.*.
using GenericHost = Microsoft.Extensions.Hosting.Host;
using Microsoft.Extensions.Options;

namespace Bridges.Hosting.Tests;

/// <summary>Options are validated when the host starts, and a bad value names its config key.</summary>
public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("appservice:port", "70000", "appservice.port: must be between 0 and 65535")]
    [InlineData("bridges:echo:portalqueuecapacity", "-1", "bridges.echo.portal_queue_capacity: must be between 1 and 1000000")]
    [InlineData("bridges:echo:delivery:maxattempts", "0", "bridges.echo.delivery.max_attempts: must be between 1 and 1000")]
    [InlineData("bridges:irc:networks:libera:port", "70000", "bridges.irc.networks.libera.port: must be 1-65535")]
    [InlineData("bridges:telegram:pollingtimeout", "99", "bridges.telegram.polling_timeout: must be between 0 and 50 seconds")]
    [InlineData("storage:backend", "mysql", "storage.backend: must be sqlite or postgres")]
    public async Task Bad_value_stops_the_host_at_start_naming_its_key(string key, string value, string expected)
    {
        var settings = BaseConfig();
        settings[key] = value;
        var builder = GenericHost.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddBridges(builder.Configuration).AddEcho().AddIrc().AddTelegram();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(error.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_value_also_fails_the_start_without_a_generic_host()
    {
        var settings = BaseConfig();
        settings["bridges:echo:portalqueuecapacity"] = "0";
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var loggers = Microsoft.Extensions.Logging.LoggerFactory.Create(_ => { });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => Runtime.BridgesApplication.StartAsync(config, [EchoNetwork.Plugin], null, loggers, TimeProvider.System, CancellationToken.None));

        Assert.Contains("bridges.echo.portal_queue_capacity: must be between 1 and 1000000", error.Failures);
    }

    [Fact]
    public void Options_of_a_disabled_bridge_are_not_validated()
    {
        var plugins = new[] { EchoNetwork.Plugin, IrcNetwork.Plugin, TelegramNetwork.Plugin };
        var settings = BaseConfig();
        settings["bridges:telegram:enabled"] = "false";
        settings["bridges:telegram:bottoken"] = null;

        Assert.Empty(BridgesOptionsValidation.Validate(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), plugins));

        // Enabled, the same section lacks what Telegram needs.
        settings["bridges:telegram:enabled"] = "true";
        var failures = BridgesOptionsValidation.Validate(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), plugins);
        Assert.Contains(failures, f => f.StartsWith("bridges.telegram.bot_token:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("echo.yaml")]
    [InlineData("bridges.yaml")]
    [InlineData("irc.yaml")]
    public void Config_sample_passes_the_start_validators(string sample)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "config-samples", sample);
        var config = new ConfigurationBuilder().AddYamlFile(path, optional: false).Build();

        Assert.Empty(BridgesOptionsValidation.Validate(config, [EchoNetwork.Plugin, IrcNetwork.Plugin, TelegramNetwork.Plugin, Email.EmailNetwork.Plugin]));
    }

    /// <summary>A valid configuration with all three bridges enabled; nothing is contacted before validation fails.</summary>
    private static Dictionary<string, string?> BaseConfig() => new(StringComparer.OrdinalIgnoreCase)
    {
        ["homeserver:url"] = "http://127.0.0.1:9/",
        ["homeserver:servername"] = "localhost",
        ["appservice:port"] = "0",
        ["metrics:port"] = "0",
        ["storage:connectionstring"] = Path.Combine(Path.GetTempPath(), $"bridges-options-{Guid.NewGuid():N}.db"),
        ["bridges:echo:pathprefix"] = "/echo",
        ["bridges:irc:pathprefix"] = "/irc",
        ["bridges:irc:networks:libera:host"] = "irc.example.org",
        ["bridges:telegram:pathprefix"] = "/telegram",
        ["bridges:telegram:bottoken"] = "123456:secret",
    };
}
