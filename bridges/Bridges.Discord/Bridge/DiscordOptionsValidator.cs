using Microsoft.Extensions.Options;

namespace Bridges.Discord.Bridge;

/// <summary>
/// Checks <see cref="DiscordOptions"/> across keys, at start and in <c>check-config</c>; each error names its key and
/// none repeats the token. Single-value ranges are data annotations on the options.
/// </summary>
internal sealed class DiscordOptionsValidator : IValidateOptions<DiscordOptions>
{
    public ValidateOptionsResult Validate(string? name, DiscordOptions options)
    {
        if (name != DiscordNetwork.Plugin.Name)
        {
            return ValidateOptionsResult.Skip;
        }

        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.BotToken))
        {
            errors.Add("bridges.discord.bot_token: the bot's token is required");
        }
        else if (DiscordIds.BotIdOfToken(options.BotToken) is null)
        {
            errors.Add("bridges.discord.bot_token: must be a bot token (<base64 bot id>.<...>); a client secret or an OAuth2 token does not work");
        }

        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var api) || api.Scheme is not ("http" or "https"))
        {
            errors.Add("bridges.discord.api_base_url: must be an absolute http(s) URL");
        }

        if (!string.IsNullOrWhiteSpace(options.GatewayUrl) && (!Uri.TryCreate(options.GatewayUrl, UriKind.Absolute, out var gateway) || gateway.Scheme is not ("ws" or "wss")))
        {
            errors.Add("bridges.discord.gateway_url: must be an absolute ws(s) URL, or empty to ask Discord");
        }

        if (options.WebhookName.Contains("discord", StringComparison.OrdinalIgnoreCase) || options.WebhookName.Contains("clyde", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("bridges.discord.webhook_name: Discord refuses webhook names containing \"discord\" or \"clyde\"");
        }

        if (options.MaxReconnectDelay < options.ReconnectDelay)
        {
            errors.Add("bridges.discord.max_reconnect_delay: must not be less than reconnect_delay");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
