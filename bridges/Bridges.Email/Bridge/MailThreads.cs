using System.Text.Json;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;

namespace Bridges.Email.Bridge;

/// <summary>The mails a login has bridged (<see cref="MailRecord"/>) and the last one of each portal, in the plugin store.</summary>
internal sealed class MailThreads(IPluginKeyValueStore store, UserLoginId login)
{
    /// <summary>Stores a mail's record and, with <paramref name="last"/>, makes it the portal's last mail.</summary>
    public async Task SaveAsync(PortalKey portal, MailRecord mail, bool last, CancellationToken ct)
    {
        await store.SetAsync(MailKey(mail.MessageId), JsonSerializer.Serialize(mail), ct).ConfigureAwait(false);
        if (last)
        {
            await SetLastAsync(portal, mail.MessageId, ct).ConfigureAwait(false);
        }
    }

    public Task SetLastAsync(PortalKey portal, string messageId, CancellationToken ct) => store.SetAsync(LastKey(portal), messageId, ct);

    public async Task<MailRecord?> FindAsync(string messageId, CancellationToken ct) =>
        await store.GetAsync(MailKey(messageId), ct).ConfigureAwait(false) is { } json ? JsonSerializer.Deserialize<MailRecord>(json) : null;

    /// <summary>The last mail bridged in a portal either way, or null.</summary>
    public async Task<MailRecord?> LastAsync(PortalKey portal, CancellationToken ct) =>
        await store.GetAsync(LastKey(portal), ct).ConfigureAwait(false) is { } id ? await FindAsync(id, ct).ConfigureAwait(false) : null;

    private string MailKey(string messageId) => $"mail:{login.Value}:{EmailIds.Hash(messageId)}";

    private string LastKey(PortalKey portal) => $"last:{login.Value}:{portal}";
}
