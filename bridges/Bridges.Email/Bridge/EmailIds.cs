using System.Security.Cryptography;
using System.Text;
using Bridges.Core.Network.Ids;
using MimeKit;

namespace Bridges.Email.Bridge;

/// <summary>
/// Every id conversion of the email bridge in one place. A thread's portal is named after a hash of its root
/// Message-ID (alias-safe and the same for every mail of the thread that carries References); a message is its
/// Message-ID, so the core's message map drops a mail pushed twice (after a crash or a UIDVALIDITY change).
/// </summary>
internal static class EmailIds
{
    private const string ThreadPrefix = "thread-";
    private const string MailboxPrefix = "mailbox-";

    /// <summary>A shared mailbox's name: short, and safe in a room alias and a login id.</summary>
    public static bool IsMailboxName(string name) =>
        name is { Length: > 0 and <= 32 } && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    public static PortalId MailboxPortal(string name) => new(MailboxPrefix + name);

    public static UserLoginId MailboxLogin(string name) => new(MailboxPrefix + name);

    /// <summary>The shared mailbox a portal belongs to, or null for a thread portal.</summary>
    public static string? MailboxOf(PortalKey portal) =>
        portal.Receiver is null && portal.Id.Value.StartsWith(MailboxPrefix, StringComparison.Ordinal) ? portal.Id.Value[MailboxPrefix.Length..] : null;

    public static bool IsThreadPortal(PortalId id) => id.Value.StartsWith(ThreadPrefix, StringComparison.Ordinal);

    public static PortalId ThreadPortal(string rootMessageId) => new(ThreadPrefix + Hash(rootMessageId)[..24]);

    /// <summary>A login is its address, lowercased.</summary>
    public static UserLoginId Login(string address) => new(address.ToLowerInvariant());

    /// <summary>A correspondent (and their ghost) is their address, lowercased.</summary>
    public static RemoteUserId User(string address) => new(address.ToLowerInvariant());

    /// <summary>The Message-ID (without angle brackets), or a hash of the whole mail when it has none or an unusable one.</summary>
    public static RemoteMessageId Message(MimeMessage message, ReadOnlySpan<byte> raw) =>
        IsUsableId(message.MessageId) ? new(message.MessageId!) : new("sha256:" + Convert.ToHexStringLower(SHA256.HashData(raw)));

    /// <summary>
    /// The Message-ID of the mail sent for a Matrix event (its echo token): the same on every attempt, so a mail sent
    /// again after a crash is recognisably the same mail (to the Sent-folder probe, and to clients that drop repeats).
    /// </summary>
    public static string OwnMessageId(string echoToken, string domain) => $"bridges.{Hash(echoToken)[..32]}@{domain}";

    /// <summary>A Message-ID we can key on: printable, single-line and bounded (anything else falls back to a hash).</summary>
    public static bool IsUsableId([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? id) => id is { Length: > 0 and <= 250 } && id.All(c => c is > ' ' and <= '~');

    /// <summary>A short stable key for a Message-ID in the plugin store.</summary>
    public static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
