using Bridges.Core.Bridge;
using Bridges.Core.Plugins;
using Bridges.Echo;
using Bridges.Hosting.Configuration;
using Microsoft.Extensions.Configuration;

namespace Bridges.Hosting.Tests;

public sealed class ConfigTests
{
    private static readonly NetworkPlugin[] Plugins = [EchoNetwork.Plugin, Irc.IrcNetwork.Plugin, Telegram.TelegramNetwork.Plugin, Email.EmailNetwork.Plugin, Discord.DiscordNetwork.Plugin];

    [Theory]
    [InlineData("echo.yaml")]
    [InlineData("bridges.yaml")]
    [InlineData("irc.yaml")]
    [InlineData("telegram.yaml")]
    [InlineData("email.yaml")]
    [InlineData("discord.yaml")]
    public void Config_sample_validates_and_binds(string sample)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "config-samples", sample);
        Assert.Empty(ConfigValidator.Validate(File.ReadAllText(path), Plugins));

        var config = new ConfigurationBuilder().AddYamlFile(path, optional: false).Build();
        var bridge = config.GetSection("bridges:" + (sample == "bridges.yaml" ? "echo" : sample[..sample.IndexOf('.', StringComparison.Ordinal)])).Get<BridgeOptions>()!;
        Assert.True(bridge.PublicMedia.Enabled);
        Assert.Equal(100L * 1024 * 1024, bridge.PublicMedia.MaxBytes);
        Assert.Equal("<{displayname}> {message}", bridge.Relay.TextTemplate);
        Assert.Equal(TimeSpan.FromMilliseconds(500), bridge.Delivery.InitialBackoff);
        Assert.Equal(["@admin:localhost"], bridge.Permissions.Admin);
        Assert.Equal(["localhost"], bridge.Permissions.User);
        Assert.Equal("localhost", config.GetSection("homeserver").Get<HomeserverOptions>()!.ServerName);
    }

    [Fact]
    public void Misspelt_key_is_named_with_its_path_and_line()
    {
        var yaml = "homeserver:\n  url: http://localhost:8008\nbridges:\n  echo:\n    relay:\n      txt_template: \"{message}\"\n";

        var error = Assert.Single(ConfigValidator.Validate(yaml, Plugins));

        Assert.Equal("bridges.echo.relay.txt_template", error.Path);
        Assert.Equal(6, error.Line);
    }

    [Fact]
    public void Wrong_value_type_and_unknown_bridge_are_errors()
    {
        var yaml = "appservice:\n  port: many\nbridges:\n  nosuch: {}\n  echo:\n    permissions:\n      superuser: [\"*\"]\n";

        var errors = ConfigValidator.Validate(yaml, Plugins).Select(e => e.Path).ToList();

        Assert.Contains("appservice.port", errors);
        Assert.Contains("bridges.nosuch", errors);
        Assert.Contains("bridges.echo.permissions.superuser", errors);
    }

    [Fact]
    public void Two_bridges_on_one_path_prefix_collide()
    {
        var yaml = "bridges:\n  echo: {}\n  echo2: {}\n";

        var error = Assert.Single(ConfigValidator.Validate(yaml, [EchoNetwork.Plugin, EchoNetwork.CreatePlugin("echo2")]));

        Assert.Equal("bridges.echo2.path_prefix", error.Path);
    }

    [Fact]
    public void File_keys_read_secrets_from_files()
    {
        var dir = Directory.CreateTempSubdirectory();
        File.WriteAllText(Path.Combine(dir.FullName, "secret.txt"), "s3cret\n");
        File.WriteAllText(Path.Combine(dir.FullName, "config.yaml"), "bridges:\n  echo:\n    provisioning:\n      shared_secret_file: secret.txt\n");

        var config = new ConfigurationBuilder().AddYamlFile(Path.Combine(dir.FullName, "config.yaml"), optional: false).Build();

        Assert.Equal("s3cret", config["bridges:echo:provisioning:sharedsecret"]);
        dir.Delete(recursive: true);
    }
}
