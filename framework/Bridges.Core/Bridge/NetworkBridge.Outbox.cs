using System.Text.Json;
using Bridges.Matrix.Client;
using Bridges.Matrix.Errors;
using Bridges.Matrix.Events;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Bridge;

public sealed partial class NetworkBridge
{
    /// <summary>
    /// Sends what an earlier run left in the outbox, before anything else runs: with the same txn ids, while the
    /// homeserver still remembers them, so a part that did go out comes back as the same event and is only mapped.
    /// </summary>
    private async Task DrainOutboxAsync(CancellationToken ct)
    {
        var rows = await Stores.Outbox.ListAsync(ct).ConfigureAwait(false);
        foreach (var row in rows)
        {
            if (OutboxIntent(row.Intent) is not { } intent || JsonSerializer.Deserialize(row.Content, MatrixJsonContext.Default.MessageContent) is not { } content)
            {
                Log.OutboxDropped(_logger, row.RemoteId.Value, row.RoomId.Value, "no way to send as its sender any more");
                await Stores.Outbox.DeleteAsync(row, ct).ConfigureAwait(false);
                continue;
            }

            try
            {
                var eventId = await intent.SendMessageAsync(row.RoomId, content, row.TxnId, row.Backdated ? row.Timestamp : null, ct).ConfigureAwait(false);
                await Stores.Outbox.CompleteAsync(row, eventId, ct).ConfigureAwait(false);
            }
            catch (MatrixException e) when ((int)e.Status is >= 400 and < 500 && (int)e.Status != 429)
            {
                // Refused for good (the room is gone, the ghost was banned): nothing later would make it go.
                Log.OutboxDropped(_logger, row.RemoteId.Value, row.RoomId.Value, e.Message);
                await Stores.Outbox.DeleteAsync(row, ct).ConfigureAwait(false);
            }
        }

        if (rows.Count > 0)
        {
            Log.OutboxDrained(_logger, Network, rows.Count);
        }
    }

    /// <summary>The ghost, or the double-puppeted user the part was to be sent as; null when neither can be used now.</summary>
    private Intent? OutboxIntent(UserId user)
    {
        if (user == Intents.BotUserId || Intents.Registration.IsExclusiveUser(user, Intents.ServerName))
        {
            return Intents.Get(user);
        }

        return RealUserIntent(user);
    }
}
