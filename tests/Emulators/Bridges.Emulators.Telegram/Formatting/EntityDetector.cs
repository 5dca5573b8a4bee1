using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Bridges.Emulators.Telegram.Formatting;

/// <summary>
/// Adds the entities Telegram's server finds by itself: url, email, mention, hashtag, cashtag and bot_command. It
/// skips text already covered by a link, code or another detected entity. Phone numbers are not detected.
/// </summary>
internal static partial class EntityDetector
{
    private static readonly HashSet<string> Exclusive =
    [
        "code", "pre", "text_link", "text_mention", "custom_emoji", "url", "email", "mention", "hashtag", "cashtag",
        "bot_command", "phone_number",
    ];

    public static void Detect(string text, List<JsonObject> entities)
    {
        var taken = entities.Where(e => Exclusive.Contains((string)e["type"]!))
            .Select(e => ((int)e["offset"]!, (int)e["length"]!)).ToList();
        Add(EmailPattern(), "email");
        Add(UrlPattern(), "url");
        Add(MentionPattern(), "mention");
        Add(HashtagPattern(), "hashtag");
        Add(CashtagPattern(), "cashtag");
        Add(CommandPattern(), "bot_command");

        void Add(Regex pattern, string type)
        {
            foreach (Match match in pattern.Matches(text))
            {
                var length = type == "url" ? match.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')', ']', '\'', '"').Length : match.Length;
                if (length == 0 || taken.Any(t => match.Index < t.Item1 + t.Item2 && t.Item1 < match.Index + length))
                {
                    continue;
                }

                taken.Add((match.Index, length));
                entities.Add(FormattedText.Entity(type, match.Index, length));
            }
        }
    }

    [GeneratedRegex(@"(?<![\w.+-])[\w.+-]+@(?:[a-z0-9-]+\.)+[a-z]{2,}", RegexOptions.IgnoreCase)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(?<![\w@/.])(?:https?://[^\s<>""]+|www\.[^\s<>""]+|(?:[a-z0-9-]+\.)+(?:com|org|net|io|me|dev|de|ru|uk|app|info|co)(?:/[^\s<>""]*)?(?![\w.]))", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"(?<![\w@])@[A-Za-z][A-Za-z0-9_]{3,31}(?!\w)")]
    private static partial Regex MentionPattern();

    [GeneratedRegex(@"(?<![\w#])#[\p{L}\p{N}_]*[\p{L}_][\p{L}\p{N}_]*")]
    private static partial Regex HashtagPattern();

    [GeneratedRegex(@"(?<![\w$])\$[A-Z]{1,8}(?!\w)")]
    private static partial Regex CashtagPattern();

    [GeneratedRegex(@"(?<![\w/])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z][A-Za-z0-9_]{3,31})?(?![\w/])")]
    private static partial Regex CommandPattern();
}
