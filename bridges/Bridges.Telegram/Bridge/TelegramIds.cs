using System.Globalization;
using Bridges.Core.Network.Ids;
using Telegram.Bot.Types;

namespace Bridges.Telegram.Bridge;

/// <summary>Every id conversion between Telegram and the bridge, in one place.</summary>
internal static class TelegramIds
{
    public static PortalId Portal(long chatId) => new(chatId.ToString(CultureInfo.InvariantCulture));

    /// <summary>The login of a bot: <c>bot-&lt;bot id&gt;</c>.</summary>
    public static UserLoginId BotLogin(long botId) => new(string.Create(CultureInfo.InvariantCulture, $"bot-{botId}"));

    /// <summary>The bot id of a token (<c>&lt;id&gt;:&lt;secret&gt;</c>), or null when it does not look like one.</summary>
    public static long? BotIdOf(string token) =>
        token.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon && colon < token.Length - 1
        && long.TryParse(token.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public static RemoteUserId User(long userId) => new(userId.ToString(CultureInfo.InvariantCulture));

    /// <summary>Message ids are only unique per chat: <c>&lt;chat_id&gt;/&lt;message_id&gt;</c>.</summary>
    public static RemoteMessageId Message(long chatId, int messageId) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{chatId}/{messageId}"));

    public static RemoteMessageId Message(Message message) => Message(message.Chat.Id, message.Id);

    public static bool TryParseMessage(RemoteMessageId id, out long chatId, out int messageId)
    {
        var slash = id.Value?.LastIndexOf('/') ?? -1;
        chatId = 0;
        messageId = 0;
        return slash > 0
            && long.TryParse(id.Value.AsSpan(0, slash), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out chatId)
            && int.TryParse(id.Value.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out messageId);
    }

    public static bool TryParseChat(PortalId id, out long chatId) =>
        long.TryParse(id.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out chatId);

    public static bool TryParseUser(RemoteUserId id, out long userId) =>
        long.TryParse(id.Value, NumberStyles.None, CultureInfo.InvariantCulture, out userId);

    /// <summary>A user's display name from their first and last name.</summary>
    public static string DisplayName(User user) =>
        string.IsNullOrEmpty(user.LastName) ? user.FirstName : $"{user.FirstName} {user.LastName}";
}
