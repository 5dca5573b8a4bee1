using System.Text.Json;
using Bridges.Matrix.Client;
using Bridges.Matrix.Errors;
using Bridges.Matrix.Events;
using Bridges.Matrix.Ids;
using Microsoft.Extensions.Logging;

namespace Bridges.Core.Bridge;

/// <summary>
/// Sends what an earlier run left in the outbox, before anything else runs: with the same txn ids, while the
/// homeserver still remembers them, so a part that did go out comes back as the same event and is only mapped.
/// </summary>
internal sealed class OutboxDrainer(BridgeContext env, DoublePuppeting puppets)
{
    private readonly ILogger _logger = env.LoggerFactory.CreateLogger<NetworkBridge>();

    public async Task DrainAsync(CancellationToken ct)
    {
        var rows = await env.Stores.Outbox.ListAsync(ct).ConfigureAwait(false);
        foreach (var row in rows)
        {
            if (IntentFor(row.Intent) is not { } intent || JsonSerializer.Deserialize(row.Content, MatrixJsonContext.Default.MessageContent) is not { } content)
            {
                Log.OutboxDropped(_logger, row.RemoteId.Value, row.RoomId.Value, "no way to send as its sender any more");
                await env.Stores.Outbox.DeleteAsync(row, ct).ConfigureAwait(false);
                continue;
            }

            try
            {
                var eventId = await intent.SendMessageAsync(row.RoomId, content, row.TxnId, row.Backdated ? row.Timestamp : null, ct).ConfigureAwait(false);
                await env.Stores.Outbox.CompleteAsync(row, eventId, ct).ConfigureAwait(false);
            }
            catch (MatrixException e) when ((int)e.Status is >= 400 and < 500 && (int)e.Status != 429)
            {
                // Refused for good (the room is gone, the ghost was banned): nothing later would make it go.
                Log.OutboxDropped(_logger, row.RemoteId.Value, row.RoomId.Value, e.Message);
                await env.Stores.Outbox.DeleteAsync(row, ct).ConfigureAwait(false);
            }
        }

        if (rows.Count > 0)
        {
            Log.OutboxDrained(_logger, env.Network, rows.Count);
        }
    }

    /// <summary>The ghost, or the double-puppeted user the part was to be sent as; null when neither can be used now.</summary>
    private Intent? IntentFor(UserId user)
    {
        if (user == env.Intents.BotUserId || env.Intents.Registration.IsExclusiveUser(user, env.Intents.ServerName))
        {
            return env.Intents.Get(user);
        }

        return puppets.RealUserIntent(user);
    }
}
