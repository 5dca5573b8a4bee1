using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Bridges.Core.Network.Ids;
using Bridges.Matrix.Ids;

namespace Bridges.Irc.Bridge;

/// <summary>
/// Every id the IRC bridge makes, in one place. Channels and nicks are case-folded with the network's CASEMAPPING,
/// so <c>#Chan</c> and <c>#chan</c> are one portal and <c>Bob</c> and <c>bob</c> one ghost.
/// <list type="bullet">
/// <item>channel portal: <c>&lt;network&gt;/&lt;folded channel&gt;</c>, shared;</item>
/// <item>private chat: <c>&lt;network&gt;/&lt;folded nick&gt;</c> with the puppet login as receiver;</item>
/// <item>remote user: <c>&lt;network&gt;/&lt;folded nick&gt;</c> (display name: the nick as written);</item>
/// <item>message: the IRCv3 <c>msgid</c>, else <c>h:</c> and a hash of network, target, time, sender and text;</item>
/// <item>logins: <c>relay/&lt;network&gt;</c> for relay bots, <c>puppet/&lt;matrix user id&gt;</c> for a user's puppets
/// (one login holds the user's connections to every network).</item>
/// </list>
/// </summary>
internal static class IrcIds
{
    private const string RelayPrefix = "relay/";
    private const string PuppetPrefix = "puppet/";

    public static PortalKey Channel(string network, string foldedChannel) => new(new PortalId($"{network}/{foldedChannel}"));

    public static PortalKey Private(string network, string foldedNick, UserLoginId login) => new(new PortalId($"{network}/{foldedNick}"), login);

    public static RemoteUserId User(string network, string foldedNick) => new($"{network}/{foldedNick}");

    public static UserLoginId RelayLogin(string network) => new(RelayPrefix + network);

    public static UserLoginId PuppetLogin(UserId user) => new(PuppetPrefix + user.Value);

    public static bool IsRelayLogin(UserLoginId id) => id.Value.StartsWith(RelayPrefix, StringComparison.Ordinal);

    /// <summary>Splits <c>network/name</c> (portal or user ids); false when there is no network part.</summary>
    public static bool TrySplit(string id, out string network, out string name)
    {
        var slash = id.IndexOf('/', StringComparison.Ordinal);
        network = slash > 0 ? id[..slash] : string.Empty;
        name = slash > 0 ? id[(slash + 1)..] : string.Empty;
        return slash > 0 && name.Length > 0;
    }

    /// <summary>The message id: the server's <c>msgid</c>, or one derived from what identifies the line.</summary>
    public static RemoteMessageId Message(string? msgId, string network, string foldedTarget, DateTimeOffset time, string foldedSender, string text)
    {
        if (!string.IsNullOrEmpty(msgId))
        {
            return new RemoteMessageId(msgId);
        }

        var material = string.Join('\n', network, foldedTarget, time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), foldedSender, text);
        return new RemoteMessageId("h:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material)).AsSpan(0, 12)));
    }

    /// <summary>True for ids the server gave (worth a <c>+draft/reply</c> tag), false for derived ones.</summary>
    public static bool IsServerMsgId(RemoteMessageId id) => !id.Value.StartsWith("h:", StringComparison.Ordinal);
}
