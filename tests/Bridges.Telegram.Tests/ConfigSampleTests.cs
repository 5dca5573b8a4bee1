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
    }
}
