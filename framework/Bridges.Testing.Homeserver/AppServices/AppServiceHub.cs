using System.Text.Json.Nodes;
using Bridges.Testing.Homeserver.Model;

namespace Bridges.Testing.Homeserver.AppServices;

/// <summary>The registered appservices: token lookup, namespaces, which events interest whom, and the queues.</summary>
internal sealed class AppServiceHub(HomeserverContext ctx, HttpClient http) : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly List<AppServiceDelivery> _deliveries = [];
    private (AppServiceRegistration Registration, AppServiceQueue Queue)[] _services = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public AppServiceClient Client { get; } = new(http, ctx.Options.AppServiceRequestTimeout, ctx.Time);

    public IEnumerable<AppServiceRegistration> Registrations => _services.Select(s => s.Registration);

    public IReadOnlyList<AppServiceDelivery> Deliveries
    {
        get
        {
            lock (_lock)
            {
                return [.. _deliveries];
            }
        }
    }

    public int PendingTransactionCount => _services.Sum(s => s.Queue.PendingTransactions);

    /// <summary>Registers an appservice and its bot user. Caller holds the homeserver lock.</summary>
    public void Add(AppServiceRegistration registration)
    {
        if (_services.Any(s => s.Registration.Id == registration.Id || s.Registration.AsToken == registration.AsToken))
        {
            throw new ArgumentException($"appservice id or as_token of '{registration.Id}' already registered");
        }

        var bot = registration.SenderUserId(ctx.ServerName);
        if (!ctx.Users.ContainsKey(bot))
        {
            ctx.RegisterUser(bot, registration.Id);
        }

        _services = [.. _services, (registration, new AppServiceQueue(registration, ctx, this))];
    }

    public AppServiceRegistration? ByAsToken(string token) =>
        _services.Select(s => s.Registration).FirstOrDefault(r => r.AsToken == token);

    public AppServiceRegistration? ById(string id) =>
        _services.Select(s => s.Registration).FirstOrDefault(r => r.Id == id);

    public AppServiceRegistration? ExclusiveUserOwner(string userId) => Registrations.FirstOrDefault(r =>
        r.SenderUserId(ctx.ServerName) == userId || r.Users.Any(n => n.Exclusive && n.Matches(userId)));

    public AppServiceRegistration? ExclusiveAliasOwner(string alias) =>
        Registrations.FirstOrDefault(r => r.Aliases.Any(n => n.Exclusive && n.Matches(alias)));

    /// <summary>The appservice to ask about an unknown user: exclusive namespaces first.</summary>
    public AppServiceRegistration? UserQueryTarget(string userId) =>
        Registrations.Where(r => r.Url is not null && r.Users.Any(n => n.Matches(userId)))
            .OrderByDescending(r => r.Users.Any(n => n.Exclusive && n.Matches(userId))).FirstOrDefault();

    public AppServiceRegistration? AliasQueryTarget(string alias) =>
        Registrations.Where(r => r.Url is not null && r.IsInterestedInAlias(alias))
            .OrderByDescending(r => r.Aliases.Any(n => n.Exclusive && n.Matches(alias))).FirstOrDefault();

    /// <summary>Queues a new room event for every interested appservice. Caller holds the homeserver lock.</summary>
    public void OnEvent(Room room, StoredEvent e)
    {
        foreach (var (registration, queue) in _services)
        {
            if (registration.Url is null || !IsInterested(registration, room, e))
            {
                continue;
            }

            var scope = registration.AsToken is not null ? $"as:{registration.Id}:{e.Sender}" : null;
            queue.Enqueue(e.ToJson(includeRoomId: true, ctx.NowMs, scope), ephemeral: false);
        }
    }

    /// <summary>Queues typing or receipt EDUs of a room (they carry <c>room_id</c>).</summary>
    public void OnRoomEphemeral(Room room, JsonObject edu)
    {
        foreach (var (registration, queue) in _services)
        {
            if (WantsEphemeral(registration) && (registration.IsInterestedInRoom(room.RoomId) || IsInterestedInRoom(registration, room)))
            {
                queue.Enqueue((JsonObject)edu.DeepClone(), ephemeral: true);
            }
        }
    }

    public void OnPresence(string userId, JsonObject presence)
    {
        foreach (var (registration, queue) in _services)
        {
            if (!WantsEphemeral(registration))
            {
                continue;
            }

            var interested = registration.IsInterestedInUser(userId, ctx.ServerName) || ctx.Rooms.Values.Any(room =>
                room.Membership(userId) == "join" && IsInterestedInRoom(registration, room));
            if (interested)
            {
                queue.Enqueue((JsonObject)presence.DeepClone(), ephemeral: true);
            }
        }
    }

    public async Task WaitForIdleAsync(TimeSpan timeout, CancellationToken ct)
    {
        var deadline = ctx.Time.GetUtcNow() + timeout;
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                changed = _changed.Task;
            }

            if (PendingTransactionCount == 0)
            {
                return;
            }

            var remaining = deadline - ctx.Time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException(
                    $"appservice queues not drained after {timeout}: {PendingTransactionCount} transaction(s) pending");
            }

            await Task.WhenAny(changed, Task.Delay(remaining, ctx.Time, ct));
            ct.ThrowIfCancellationRequested();
        }
    }

    public void RecordDelivery(AppServiceDelivery delivery)
    {
        lock (_lock)
        {
            _deliveries.Add(delivery);
        }

        NotifyChanged();
    }

    public void NotifyChanged()
    {
        TaskCompletionSource previous;
        lock (_lock)
        {
            previous = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        previous.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, queue) in _services)
        {
            await queue.DisposeAsync();
        }
    }

    private static bool WantsEphemeral(AppServiceRegistration r) =>
        r.Url is not null && (r.ReceiveEphemeral || r.Msc2409PushEphemeral);

    private bool IsInterested(AppServiceRegistration r, Room room, StoredEvent e) =>
        r.IsInterestedInUser(e.Sender, ctx.ServerName) ||
        (e.Type == "m.room.member" && e.StateKey is not null && r.IsInterestedInUser(e.StateKey, ctx.ServerName)) ||
        r.IsInterestedInRoom(room.RoomId) ||
        IsInterestedInRoom(r, room);

    /// <summary>
    /// A joined member in the user namespaces (as Synapse: an invited ghost does not make the room interesting), or an
    /// alias of the room in the alias namespaces.
    /// </summary>
    private bool IsInterestedInRoom(AppServiceRegistration r, Room room)
    {
        foreach (var ((type, stateKey), e) in room.State)
        {
            if (type == "m.room.member" && e.Membership == "join" && r.IsInterestedInUser(stateKey, ctx.ServerName))
            {
                return true;
            }
        }

        if (r.Aliases.Count == 0)
        {
            return false;
        }

        var canonical = room.StateContent("m.room.canonical_alias");
        var aliases = ctx.Aliases.Where(a => a.Value.RoomId == room.RoomId).Select(a => a.Key)
            .Concat(canonical?["alias"] is JsonValue alias ? [alias.GetValue<string>()] : [])
            .Concat((canonical?["alt_aliases"] as JsonArray ?? []).Select(a => a?.GetValue<string>() ?? ""));
        return aliases.Any(r.IsInterestedInAlias);
    }
}
