using System.Text.RegularExpressions;
using Bridges.Core.Network.Ids;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Formatting;

/// <summary>
/// Converts mentions between the two sides' HTML. Plugins write a mention as
/// <c>&lt;a data-remote-user="ID"&gt;Name&lt;/a&gt;</c>; Matrix writes a pill <c>&lt;a href="https://matrix.to/#/@user:server"&gt;</c>.
/// </summary>
public static partial class MentionPills
{
    /// <summary>The plugin-side form of a mention of <paramref name="user"/>.</summary>
    public static string RemoteMention(RemoteUserId user, string name) =>
        $"<a data-remote-user=\"{MatrixHtml.Escape(user.Value)}\">{MatrixHtml.Escape(name)}</a>";

    /// <summary>Plugin mentions to Matrix pills, through <paramref name="ghostFor"/>.</summary>
    internal static string ToMatrix(string html, Func<RemoteUserId, UserId> ghostFor) =>
        RemoteAnchor().Replace(html, m =>
        {
            var user = new RemoteUserId(System.Net.WebUtility.HtmlDecode(m.Groups["id"].Value));
            return $"<a href=\"https://matrix.to/#/{Uri.EscapeDataString(ghostFor(user).Value)}\">{m.Groups["text"].Value}</a>";
        });

    /// <summary>Matrix pills of ghosts to plugin mentions; pills of other users stay links.</summary>
    internal static string ToRemote(string html, Func<UserId, RemoteUserId?> remoteFor) =>
        PillAnchor().Replace(html, m =>
        {
            var target = Uri.UnescapeDataString(m.Groups["id"].Value);
            return UserId.TryParse(target, out var user) && remoteFor(user) is { } remote
                ? $"<a data-remote-user=\"{MatrixHtml.Escape(remote.Value)}\">{m.Groups["text"].Value}</a>"
                : m.Value;
        });

    [GeneratedRegex("<a data-remote-user=\"(?<id>[^\"]*)\">(?<text>.*?)</a>", RegexOptions.Singleline)]
    private static partial Regex RemoteAnchor();

    [GeneratedRegex("<a href=\"https://matrix\\.to/#/(?<id>(@|%40)[^\"?]+)[^\"]*\">(?<text>.*?)</a>", RegexOptions.Singleline)]
    private static partial Regex PillAnchor();
}
