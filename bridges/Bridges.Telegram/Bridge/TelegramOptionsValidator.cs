using Microsoft.Extensions.Options;

namespace Bridges.Telegram.Bridge;

/// <summary>
/// Checks <see cref="TelegramOptions"/> across keys, at start and in <c>check-config</c>; each error names its key.
/// Single-value ranges are data annotations on the options.
/// </summary>
internal sealed class TelegramOptionsValidator : IValidateOptions<TelegramOptions>
{
    public ValidateOptionsResult Validate(string? name, TelegramOptions options)
    {
        if (name != TelegramNetwork.Plugin.Name)
        {
            return ValidateOptionsResult.Skip;
        }

        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.BotToken) && string.IsNullOrWhiteSpace(options.LoginKey))
        {
            errors.Add("bridges.telegram.bot_token: a relay bot's token, or bridges.telegram.login_key for personal bots, is required");
        }

        if (!string.IsNullOrWhiteSpace(options.BotToken) && TelegramIds.BotIdOf(options.BotToken) is null)
        {
            errors.Add("bridges.telegram.bot_token: must look like <bot id>:<secret>");
        }

        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out _))
        {
            errors.Add("bridges.telegram.api_base_url: must be an absolute URL");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
