namespace Bridges.Core.Content;

/// <summary>Splits a message whose text is over a network's length limit into messages within it.</summary>
internal static class TextSplitter
{
    /// <summary>
    /// The content as one or more messages of at most <paramref name="max"/> characters (0: no limit). Cuts fall on
    /// a line break, else a space, else anywhere but inside a surrogate pair. Split parts lose their HTML (a cut
    /// could break its markup); attachments and the reply go with the first part.
    /// </summary>
    public static List<BridgedContent> Split(BridgedContent content, int max)
    {
        if (max <= 0 || content.Text.Length <= max)
        {
            return [content];
        }

        var parts = new List<BridgedContent>();
        var rest = content.Text.AsSpan();
        while (rest.Length > max)
        {
            var window = rest[..max];
            var cut = window.LastIndexOf('\n');
            if (cut < max / 2)
            {
                cut = window.LastIndexOf(' ');
            }

            if (cut < max / 2)
            {
                cut = char.IsHighSurrogate(window[max - 1]) ? max - 1 : max;
            }

            parts.Add(PartOf(content, rest[..cut].TrimEnd().ToString(), parts.Count == 0));
            rest = rest[cut..].TrimStart();
        }

        if (rest.Length > 0)
        {
            parts.Add(PartOf(content, rest.ToString(), parts.Count == 0));
        }

        return parts;
    }

    private static BridgedContent PartOf(BridgedContent content, string text, bool first) => content with
    {
        Text = text,
        Html = null,
        ReplyTo = first ? content.ReplyTo : null,
        Subject = first ? content.Subject : null,
        Attachments = first ? content.Attachments : [],
    };
}
