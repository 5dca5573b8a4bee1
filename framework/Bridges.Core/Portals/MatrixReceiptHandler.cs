using System.Text.Json;
using Bridges.Core.Bridge;
using Bridges.Core.Network;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Portals;

/// <summary>
/// Sends the read receipts of logged-in Matrix users (an <c>m.receipt</c> ephemeral event of a portal room) to the
/// network through their own login, for messages the message map knows. Receipts of our ghosts came from the network
/// and are not sent back.
/// </summary>
internal sealed class MatrixReceiptHandler(MatrixEventServices services, Portal portal)
{
    private readonly BridgeContext env = services.Env;

    public async Task HandleAsync(RoomId room, JsonElement content, CancellationToken ct)
    {
        if (content.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        // content: event id → receipt type → user id → { ts, thread_id }
        foreach (var byEvent in content.EnumerateObject())
        {
            if (!EventId.TryParse(byEvent.Name, out var eventId) || byEvent.Value.ValueKind != JsonValueKind.Object
                || !byEvent.Value.TryGetProperty("m.read", out var readers) || readers.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var senders = new List<IReadReceiptSender>();
            foreach (var reader in readers.EnumerateObject())
            {
                if (!UserId.TryParse(reader.Name, out var user) || env.Intents.Registration.IsExclusiveUser(user) || services.Receipts.IsEcho(room, user, eventId))
                {
                    continue;
                }

                senders.AddRange(services.Logins.ConnectedFor(user, portal.Key).Select(c => c.Client).OfType<IReadReceiptSender>());
            }

            if (senders.Count == 0 || await env.Stores.Messages.GetByEventAsync(room, eventId, ct).ConfigureAwait(false) is not { } target)
            {
                continue;
            }

            foreach (var sender in senders)
            {
                await sender.SendReadReceiptAsync(portal.Key, target.RemoteId, ct).ConfigureAwait(false);
            }
        }
    }
}
