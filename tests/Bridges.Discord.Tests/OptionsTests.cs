using Bridges.Discord.Bridge;
using Bridges.Hosting.Configuration;
using Microsoft.Extensions.Configuration;

namespace Bridges.Discord.Tests;

public sealed class OptionsTests
{
    private const string Token = "MTIzNDU2Nzg5MDEyMzQ1Njc4.secret";

    private static IReadOnlyList<string> Errors(DiscordOptions options) =>
        new DiscordOptionsValidator().Validate("discord", options).Failures?.ToList() ?? [];

    [Fact]
    public void Discord_sample_validates_and_binds_its_defaults()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "config-samples", "discord.yaml");

        Assert.Empty(ConfigValidator.Validate(File.ReadAllText(path), [DiscordNetwork.Plugin]));
        var config = new ConfigurationBuilder().AddYamlFile(path, optional: false).Build();
        var options = config.GetSection(DiscordOptions.SectionName).Get<DiscordOptions>()!;
        var defaults = new DiscordOptions();
        Assert.Equal(defaults.ApiBaseUrl, options.ApiBaseUrl);
        Assert.Equal(defaults.CdnBaseUrl, options.CdnBaseUrl);
        Assert.Equal(defaults.WebhookName, options.WebhookName);
        Assert.Equal(defaults.ReconnectDelay, options.ReconnectDelay);
        Assert.Equal(defaults.MaxReconnectDelay, options.MaxReconnectDelay);
        Assert.True(string.IsNullOrEmpty(options.BotToken));
        Assert.True(string.IsNullOrEmpty(options.GatewayUrl));
    }

    [Fact]
    public void A_missing_or_malformed_token_is_named_by_its_key_without_echoing_it()
    {
        Assert.Equal(["bridges.discord.bot_token: the bot's token is required"], Errors(new DiscordOptions()));
        var malformed = Assert.Single(Errors(new DiscordOptions { BotToken = "not-a-bot-token" }));
        Assert.StartsWith("bridges.discord.bot_token:", malformed, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-bot-token", malformed, StringComparison.Ordinal);
        Assert.Empty(Errors(new DiscordOptions { BotToken = Token }));
        Assert.Equal("123456789012345678", DiscordIds.BotIdOfToken(Token));
    }

    [Fact]
    public void Urls_webhook_names_and_delays_are_checked_across_keys()
    {
        var errors = Errors(new DiscordOptions
        {
            BotToken = Token,
            ApiBaseUrl = "discord.com/api",
            GatewayUrl = "https://gateway.discord.gg",
            WebhookName = "Discord relay",
            ReconnectDelay = TimeSpan.FromSeconds(10),
            MaxReconnectDelay = TimeSpan.FromSeconds(1),
        });

        Assert.Equal(
            ["bridges.discord.api_base_url", "bridges.discord.gateway_url", "bridges.discord.webhook_name", "bridges.discord.max_reconnect_delay"],
            errors.Select(e => e.Split(':')[0]));
    }
}
