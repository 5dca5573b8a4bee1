using Bridges.Hosting.Configuration;
using Microsoft.Extensions.Configuration;

namespace Bridges.Telegram.Tests;

public sealed class ConfigSampleTests
{
    [Fact]
    public void Telegram_sample_validates_and_binds_its_defaults()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "config-samples", "telegram.yaml");

        Assert.Empty(ConfigValidator.Validate(File.ReadAllText(path), [TelegramNetwork.Plugin]));
        var config = new ConfigurationBuilder().AddYamlFile(path, optional: false).Build();
        var options = config.GetSection(TelegramOptions.SectionName).Get<TelegramOptions>()!;
        var defaults = new TelegramOptions();
        Assert.Equal(defaults.ApiBaseUrl, options.ApiBaseUrl);
        Assert.Equal(defaults.PollingTimeout, options.PollingTimeout);
        Assert.True(string.IsNullOrEmpty(options.BotToken));
        Assert.False(options.PublicPortals);
        Assert.Contains("public_portals: false", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void Public_portals_option_parses_from_yaml()
    {
        var path = Path.Combine(Path.GetTempPath(), $"telegram-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "bridges:\n  telegram:\n    bot_token: \"1:x\"\n    public_portals: true\n");
        try
        {
            Assert.Empty(ConfigValidator.Validate(File.ReadAllText(path), [TelegramNetwork.Plugin]));
            var config = new ConfigurationBuilder().AddYamlFile(path, optional: false).Build();
            Assert.True(config.GetSection(TelegramOptions.SectionName).Get<TelegramOptions>()!.PublicPortals);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
