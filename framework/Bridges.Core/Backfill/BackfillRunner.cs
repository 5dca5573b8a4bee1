using System.Collections.Concurrent;
using Bridges.Core.Bridge;
using Bridges.Core.Logins;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Bridges.Core.Portals;
using Microsoft.Extensions.Logging;

namespace Bridges.Core.Backfill;

/// <summary>
/// Fetches history from <see cref="IBackfiller"/> clients and bridges it into portal rooms: the newest messages when
/// a room is created, the missed ones when a login (re)connects, and on request. Everything runs as work on the
/// portal's queue, so it is ordered with live events, and every message goes through the message map by remote id,
/// so a message that is both fetched and pushed live is bridged once.
/// </summary>
internal sealed class BackfillRunner(BridgeContext env, PortalRegistry portals, LoginRegistry logins, IBackfillTarget target)
{
    private const string Initial = "initial";
    private const string CatchUp = "catch-up";
    private const string Requested = "requested";

    // Portals to catch up, with the newest message bridged before their logins connected (the point to go on from,
    // whatever live events arrive meanwhile). Removed once a client answered.
    private readonly ConcurrentDictionary<PortalKey, BackfillAnchor> _catchUps = new();
    private readonly ILogger _logger = env.LoggerFactory.CreateLogger<BackfillRunner>();

    private BackfillOptions Options => env.Options.Backfill;

    private int BatchSize => Math.Max(1, Options.BatchSize);

    /// <summary>
    /// Right after <paramref name="portal"/>'s room was created, on its queue: the newest <c>initial_limit</c> messages,
    /// older than <paramref name="trigger"/> (the message that created the room, which is bridged next as usual).
    /// Never throws but for cancellation: a failed backfill must not fail the portal's creation.
    /// </summary>
    public async Task<BackfillResult?> InitialAsync(Portal portal, INetworkClient? preferred, RemoteMessage? trigger, CancellationToken ct)
    {
        if (!Options.Enabled || Options.InitialLimit <= 0)
        {
            return null;
        }

        var before = trigger is null ? null : new BackfillAnchor(trigger.Id, trigger.Timestamp);
        return await GuardAsync(portal, Initial, () => NewestAsync(portal, Options.InitialLimit, before, preferred, ct)).ConfigureAwait(false);
    }

    /// <summary>
    /// On request (provisioning): the newest <paramref name="limit"/> messages, those not bridged yet sent now.
    /// Null when no connected client can read the chat's history. Errors go to the caller.
    /// </summary>
    public async Task<BackfillResult?> RequestAsync(Portal portal, int limit, CancellationToken ct)
    {
        var result = await portal.EnqueueAsync(token => NewestAsync(portal, limit, null, null, token), ct).ConfigureAwait(false);
        Report(portal, Requested, result);
        return result;
    }

    /// <summary>
    /// Before logins connect: remembers, for each portal with a room (of <paramref name="login"/> only, when set), the
    /// newest bridged message, so <see cref="ScheduleCatchUpAsync"/> asks for what came after it.
    /// </summary>
    public async Task NoteCatchUpAnchorsAsync(UserLoginId? login, CancellationToken ct)
    {
        if (!Options.Enabled || Options.CatchUpLimit <= 0)
        {
            return;
        }

        foreach (var portal in await env.Stores.Portals.ListAsync(ct).ConfigureAwait(false))
        {
            if (portal.RoomId is null || login is { } l && portal.Key.Receiver != l)
            {
                continue;
            }

            if (await env.Stores.Messages.GetLastAsync(portal.Key, ct).ConfigureAwait(false) is { } last)
            {
                _catchUps.TryAdd(portal.Key, new BackfillAnchor(last.RemoteId, last.Timestamp));
            }
        }
    }

    /// <summary>
    /// After <paramref name="login"/> connected: queues a catch-up on each portal it can serve that still waits for one
    /// (its own, and shared ones). The work runs on each portal's queue; this returns once it is queued.
    /// </summary>
    public async Task ScheduleCatchUpAsync(UserLogin login, INetworkClient client, CancellationToken ct)
    {
        if (client is not IBackfiller || _catchUps.IsEmpty)
        {
            return;
        }

        foreach (var key in _catchUps.Keys)
        {
            if (key.Receiver is { } receiver && receiver != login.Id)
            {
                continue;
            }

            if (await portals.GetAsync(key, create: false, ct).ConfigureAwait(false) is not { } portal)
            {
                _catchUps.TryRemove(key, out _);
                continue;
            }

            // Not awaited: the portal's queue runs it, in order with its other events.
            _ = await portal.QueueAsync(token => CatchUpAsync(portal, client, token), ct).ConfigureAwait(false);
        }
    }

    private async Task<BackfillResult?> CatchUpAsync(Portal portal, INetworkClient client, CancellationToken ct)
    {
        // Another login's catch-up of this shared portal may have run first.
        if (!Options.Enabled || !_catchUps.TryGetValue(portal.Key, out var after) || portal.RoomId is null)
        {
            return null;
        }

        var result = await GuardAsync(portal, CatchUp, async () =>
        {
            // The newest bridged message need not be the last one bridged in the chat's order: a message sent from
            // Matrix is mapped as it is sent, while a remote one posted just before it may still have waited on the
            // queue (and a network with a cursor pushes that one again now). A page before the anchor goes first, so
            // such messages keep their place; the rest of it is already bridged.
            var earlier = await NewestAsync(portal, BatchSize, after, client, ct).ConfigureAwait(false);
            return earlier is null ? null : earlier.Add(await ForwardAsync(portal, after, client, ct).ConfigureAwait(false) ?? BackfillResult.Empty);
        }).ConfigureAwait(false);
        if (result is not null)
        {
            _catchUps.TryRemove(portal.Key, out _);
        }

        return result;
    }

    private async Task<BackfillResult?> GuardAsync(Portal portal, string reason, Func<Task<BackfillResult?>> run)
    {
        try
        {
            var result = await run().ConfigureAwait(false);
            Report(portal, reason, result);
            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.BackfillFailed(_logger, e, portal.Key.ToString(), reason);
            return null;
        }
    }

    private void Report(Portal portal, string reason, BackfillResult? result)
    {
        if (result is null)
        {
            Log.NoHistory(_logger, portal.Key.ToString(), reason);
        }
        else
        {
            Log.Backfilled(_logger, portal.Key.ToString(), reason, result.Fetched, result.Bridged, result.Skipped, result.Failed);
        }
    }

    /// <summary>The newest <paramref name="limit"/> messages (before <paramref name="before"/>), fetched page by page backwards and bridged oldest first.</summary>
    private async Task<BackfillResult?> NewestAsync(Portal portal, int limit, BackfillAnchor? before, INetworkClient? preferred, CancellationToken ct)
    {
        var pages = new List<List<RemoteMessage>>();
        var seen = new HashSet<RemoteMessageId>();
        var source = preferred;
        var total = 0;
        var answered = false;
        while (total < limit)
        {
            var request = new BackfillRequest(portal.Key, Math.Min(BatchSize, limit - total)) { Before = before };
            var (page, from) = await FetchAsync(portal, request, source, ct).ConfigureAwait(false);
            if (page is null)
            {
                break;
            }

            (answered, source) = (true, from);
            var fresh = Fresh(portal, page, seen);
            if (fresh.Count == 0)
            {
                break;
            }

            // More than asked: the newest of them count.
            fresh = fresh.Count > limit - total ? fresh[^(limit - total)..] : fresh;
            pages.Add(fresh);
            total += fresh.Count;
            before = new BackfillAnchor(fresh[0].Id, fresh[0].Timestamp);
        }

        if (!answered)
        {
            return null;
        }

        pages.Reverse();
        return await BridgeAsync(portal, [.. pages.SelectMany(p => p)], ct).ConfigureAwait(false);
    }

    /// <summary>Up to <c>catch_up_limit</c> messages after <paramref name="after"/>, fetched and bridged page by page, oldest first.</summary>
    private async Task<BackfillResult?> ForwardAsync(Portal portal, BackfillAnchor after, INetworkClient preferred, CancellationToken ct)
    {
        var seen = new HashSet<RemoteMessageId> { after.Id };
        var limit = Options.CatchUpLimit;
        INetworkClient? source = preferred;
        BackfillResult? result = null;
        while ((result?.Fetched ?? 0) < limit)
        {
            var request = new BackfillRequest(portal.Key, Math.Min(BatchSize, limit - (result?.Fetched ?? 0))) { After = after };
            var (page, from) = await FetchAsync(portal, request, source, ct).ConfigureAwait(false);
            if (page is null)
            {
                break;
            }

            source = from;
            var fresh = Fresh(portal, page, seen);
            fresh = fresh.Count > limit - (result?.Fetched ?? 0) ? fresh[..(limit - (result?.Fetched ?? 0))] : fresh;
            result = (result ?? BackfillResult.Empty).Add(await BridgeAsync(portal, fresh, ct).ConfigureAwait(false));
            if (fresh.Count == 0)
            {
                break;
            }

            after = new BackfillAnchor(fresh[^1].Id, fresh[^1].Timestamp);
        }

        return result;
    }

    /// <summary>The page's messages of this chat not seen in an earlier page, oldest first (by time; ties keep the network's order).</summary>
    private List<RemoteMessage> Fresh(Portal portal, IReadOnlyList<RemoteMessage> page, HashSet<RemoteMessageId> seen)
    {
        var fresh = new List<RemoteMessage>();
        foreach (var message in page.OrderBy(m => m.Timestamp))
        {
            if (message.Portal != portal.Key)
            {
                Log.ForeignMessage(_logger, portal.Key.ToString(), message.Id.Value);
            }
            else if (seen.Add(message.Id))
            {
                fresh.Add(message);
            }
        }

        return fresh;
    }

    /// <summary>
    /// Asks <paramref name="preferred"/>, then the portal's other clients, until one can read the chat's history. A
    /// portal of one login is only ever read through that login.
    /// </summary>
    private async Task<(IReadOnlyList<RemoteMessage>? Page, INetworkClient? From)> FetchAsync(Portal portal, BackfillRequest request, INetworkClient? preferred,
        CancellationToken ct)
    {
        var candidates = new List<INetworkClient>();
        if (portal.Key.Receiver is { } receiver)
        {
            candidates.AddRange(logins.ClientFor(receiver) is { } own ? [own] : []);
        }
        else
        {
            candidates.AddRange(preferred is null ? [] : [preferred]);
            candidates.AddRange(logins.RelayFor(portal.Record) is { } relay && logins.ClientFor(relay) is { } relayClient ? [relayClient] : []);
            candidates.AddRange(logins.Connected.Select(c => c.Client));
        }

        foreach (var client in candidates.Distinct().OfType<IBackfiller>())
        {
            if (await client.FetchMessagesAsync(request, ct).ConfigureAwait(false) is { } page)
            {
                return (page, (INetworkClient)client);
            }
        }

        return (null, null);
    }

    private async Task<BackfillResult> BridgeAsync(Portal portal, IReadOnlyList<RemoteMessage> messages, CancellationToken ct)
    {
        var (bridged, skipped, failed) = (0, 0, 0);
        foreach (var message in messages)
        {
            try
            {
                var result = await target.BridgeBackfilledAsync(portal, message, ct).ConfigureAwait(false);
                if (result == RemoteEventResult.Bridged)
                {
                    bridged++;
                }
                else
                {
                    skipped++;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One message that cannot be bridged (media too large, a broken attachment) must not hold up the rest.
                Log.MessageFailed(_logger, e, message.Id.Value, portal.Key.ToString());
                failed++;
            }
        }

        return new BackfillResult(messages.Count, bridged, skipped, failed);
    }
}
