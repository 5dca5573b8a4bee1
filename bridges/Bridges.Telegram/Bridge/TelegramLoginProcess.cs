using System.Text.Json;
using Bridges.Core.Logins;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace Bridges.Telegram.Bridge;

/// <summary>
/// <c>login bot</c>: asks for a bot token as a secret field (the core redacts the message holding it), checks it with
/// getMe and stores it sealed in the login's metadata.
/// </summary>
internal sealed class TelegramLoginProcess(TelegramConnector connector, BridgeUser user) : ILoginProcess
{
    private const string TokenField = "token";

    /// <summary>The sealed token stored in a login's metadata.</summary>
    public static string? SealedToken(UserLogin login) =>
        login.Metadata is { ValueKind: JsonValueKind.Object } meta && meta.TryGetProperty(TokenField, out var token) ? token.GetString() : null;

    /// <summary>What a sealed token is bound to: its owner and bot, so it opens for no other login.</summary>
    public static string Associated(UserLogin login) => login.UserId.Value + "\n" + login.Id.Value;

    public Task<LoginStep> StartAsync(CancellationToken ct) => Task.FromResult<LoginStep>(new LoginStep.UserInput(
        "Send the token @BotFather gave your bot (it looks like 123456:ABC-DEF…). Add the bot to groups, or have people message it, and those chats appear here.",
        [new LoginField(TokenField, "Bot token", IsSecret: true)]));

    public async Task<LoginStep> SubmitAsync(IReadOnlyDictionary<string, string> input, CancellationToken ct)
    {
        var token = input.TryGetValue(TokenField, out var given) ? given.Trim() : string.Empty;
        if (TelegramIds.BotIdOf(token) is not { } botId)
        {
            throw new InvalidOperationException("That is not a bot token: it looks like <bot id>:<secret>.");
        }

        if (connector.RelayLogin is { } relay && relay.Id == TelegramIds.BotLogin(botId))
        {
            throw new InvalidOperationException("That is the bridge's own relay bot; link a bot of your own.");
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var bot = new TelegramBotClient(new TelegramBotClientOptions(token, connector.Options.ApiBaseUrl.TrimEnd('/')), http);
        global::Telegram.Bot.Types.User me;
        try
        {
            me = await bot.GetMe(ct).ConfigureAwait(false);
        }
        catch (ApiRequestException e)
        {
            throw new InvalidOperationException($"Telegram refused the token: {e.Message}", e);
        }

        var login = new UserLogin(TelegramIds.BotLogin(me.Id), user.UserId, "@" + me.Username);
        var sealedToken = connector.Tokens!.Seal(token, Associated(login));
        using var metadata = JsonDocument.Parse(new System.Text.Json.Nodes.JsonObject { [TokenField] = sealedToken }.ToJsonString());
        login = login with { Metadata = metadata.RootElement.Clone() };
        var linked = $"Linked @{me.Username}. Its chats appear as portals as soon as someone writes there.";
        if (!me.CanReadAllGroupMessages)
        {
            linked += $" Warning: @{me.Username} has privacy mode on, so in groups where it is not an administrator it only sees commands, "
                + "replies to it and mentions of it. Disable it with @BotFather (/setprivacy), or make the bot an administrator of your groups.";
        }

        return new LoginStep.Complete(linked, login);
    }

    public Task CancelAsync(CancellationToken ct) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
