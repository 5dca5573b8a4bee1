using System.Globalization;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;

namespace Bridges.Email.Bridge;

/// <summary>
/// Where a login's INBOX reading stands: the last UID bridged, under the UIDVALIDITY it belongs to, and when it was
/// bridged. It moves only after the core bridged the mail, so a crash re-reads (and the message map drops) at most
/// the mail in flight. When UIDVALIDITY changes the UIDs mean nothing any more: mail since a day before
/// <see cref="BridgedAt"/> is read again and the message map drops what was bridged already.
/// </summary>
internal sealed record MailCursor(uint UidValidity, uint Uid, DateTimeOffset BridgedAt)
{
    public static string Key(UserLoginId login) => "cursor:" + login.Value;

    public static async Task<MailCursor?> LoadAsync(IPluginKeyValueStore store, UserLoginId login, CancellationToken ct)
    {
        var parts = (await store.GetAsync(Key(login), ct).ConfigureAwait(false))?.Split(':');
        return parts is ["v1", var validity, var uid, var at]
            ? new MailCursor(uint.Parse(validity, CultureInfo.InvariantCulture), uint.Parse(uid, CultureInfo.InvariantCulture),
                DateTimeOffset.FromUnixTimeSeconds(long.Parse(at, CultureInfo.InvariantCulture)))
            : null;
    }

    public Task SaveAsync(IPluginKeyValueStore store, UserLoginId login, CancellationToken ct) =>
        store.SetAsync(Key(login), string.Create(CultureInfo.InvariantCulture, $"v1:{UidValidity}:{Uid}:{Math.Max(0, BridgedAt.ToUnixTimeSeconds())}"), ct);

    /// <summary>Stores <paramref name="cursor"/> unless the login has one already.</summary>
    public static async Task InitialiseAsync(IPluginKeyValueStore store, UserLoginId login, MailCursor cursor, TimeProvider time, CancellationToken ct)
    {
        if (await LoadAsync(store, login, ct).ConfigureAwait(false) is null)
        {
            await (cursor with { BridgedAt = time.GetUtcNow() }).SaveAsync(store, login, ct).ConfigureAwait(false);
        }
    }
}
