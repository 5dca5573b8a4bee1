using System.Text;
using Bridges.Core.Network.Ids;

namespace Bridges.Discord.Bridge;

/// <summary>
/// Ids: snowflakes are unique across Discord, so a guild, category or channel id is its portal's id, a user id its
/// ghost's, and a message id its remote message id.
/// </summary>
internal static class DiscordIds
{
    /// <summary>A bot token starts with the bot's user id in base64 (the reference topic's token format).</summary>
    public static string? BotIdOfToken(string token)
    {
        var first = token.Split('.')[0];
        if (token.Split('.').Length < 2 || first.Length == 0)
        {
            return null;
        }

        try
        {
            var padded = first.PadRight(first.Length + ((4 - (first.Length % 4)) % 4), '=');
            var id = Encoding.ASCII.GetString(Convert.FromBase64String(padded));
            return id.Length > 0 && id.All(char.IsAsciiDigit) ? id : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static UserLoginId BotLogin(string botId) => new($"bot:{botId}");

    public static PortalKey Portal(string snowflake) => new(new PortalId(snowflake));

    public static RemoteUserId User(string snowflake) => new(snowflake);

    public static RemoteMessageId Message(string snowflake) => new(snowflake);

    /// <summary>
    /// A thread's remote id. Not the bare snowflake: a thread started from a message shares that message's id, and a
    /// forum post's first message shares the thread's, so the bare id would collide in the message map.
    /// </summary>
    public static RemoteMessageId Thread(string snowflake) => new($"thread:{snowflake}");

    /// <summary>The thread channel a thread root names: our <c>thread:</c> id, or a message a thread was started from.</summary>
    public static string? ThreadChannel(RemoteMessageId? root) => root?.Value switch
    {
        null => null,
        var v when v.StartsWith("thread:", StringComparison.Ordinal) => v["thread:".Length..],
        var v => v,
    };

    public static bool IsSnowflake(string value) => value.Length is > 0 and <= 20 && value.All(char.IsAsciiDigit);

    /// <summary>Sibling order for <c>m.space.child</c>: the position, zero-padded so text order is numeric order.</summary>
    public static string Order(int position) => position.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The inline-image id of a custom emoji (one upload per emoji, however often it is used).</summary>
    public static string EmojiImage(string id) => $"emoji:{id}";

    /// <summary>A reaction key: the unicode emoji itself, or <c>name:id</c> for a custom emoji (what the reaction routes take).</summary>

    public static EmojiId Emoji(string? name, string? id) => new(id is null ? name ?? string.Empty : $"{name}:{id}");
}
