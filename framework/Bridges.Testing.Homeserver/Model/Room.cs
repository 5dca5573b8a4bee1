using System.Text.Json.Nodes;

namespace Bridges.Testing.Homeserver.Model;

/// <summary>A room: its timeline, current state and ephemeral data. Callers hold the homeserver's lock.</summary>
internal sealed class Room(string roomId, string version, IReadOnlyCollection<string> creators)
{
    public string RoomId { get; } = roomId;

    public string Version { get; } = version;

    /// <summary>The create event's sender (plus <c>additional_creators</c> in room version 12).</summary>
    public IReadOnlyCollection<string> Creators { get; } = creators;

    public List<StoredEvent> Timeline { get; } = [];

    public Dictionary<string, StoredEvent> ById { get; } = new(StringComparer.Ordinal);

    public Dictionary<(string Type, string StateKey), StoredEvent> State { get; } = [];

    /// <summary>Every <c>m.room.member</c> event per user, in order, to answer "membership at position".</summary>
    public Dictionary<string, List<StoredEvent>> MemberHistory { get; } = new(StringComparer.Ordinal);

    /// <summary>Typing users and when their typing expires (ms since epoch).</summary>
    public Dictionary<string, long> TypingUntilMs { get; } = new(StringComparer.Ordinal);

    public long TypingPosition { get; set; }

    public List<Receipt> Receipts { get; } = [];

    /// <summary>Per-user room account data by type, with the stream position of its last change.</summary>
    public Dictionary<string, Dictionary<string, (JsonObject Content, long Position)>> AccountData { get; } =
        new(StringComparer.Ordinal);

    /// <summary>Listed in the published room directory.</summary>
    public bool Published { get; set; }

    /// <summary>Users who forgot the room after leaving it.</summary>
    public HashSet<string> ForgottenBy { get; } = new(StringComparer.Ordinal);

    public bool IsCreator(string userId) => Creators.Contains(userId);

    public PowerLevels PowerLevels => new(this);

    public JsonObject? StateContent(string type, string stateKey = "") =>
        State.TryGetValue((type, stateKey), out var e) ? e.Content : null;

    public StoredEvent? StateEvent(string type, string stateKey = "") =>
        State.TryGetValue((type, stateKey), out var e) ? e : null;

    public string? Membership(string userId) => StateEvent("m.room.member", userId)?.Membership;

    public string JoinRule => StateContent("m.room.join_rules")?["join_rule"]?.GetValue<string>() ?? "invite";

    public string HistoryVisibility =>
        StateContent("m.room.history_visibility")?["history_visibility"]?.GetValue<string>() ?? "shared";

    public IEnumerable<string> Members(string membership) => State
        .Where(kv => kv.Key.Type == "m.room.member" && kv.Value.Membership == membership)
        .Select(kv => kv.Key.StateKey);

    /// <summary>The user's membership just after the event at <paramref name="position"/>, or null if none yet.</summary>
    public string? MembershipAt(string userId, long position)
    {
        if (!MemberHistory.TryGetValue(userId, out var history))
        {
            return null;
        }

        string? membership = null;
        foreach (var e in history)
        {
            if (e.Position > position)
            {
                break;
            }

            membership = e.Membership;
        }

        return membership;
    }

    /// <summary>
    /// Whether the user may see the event, per the spec's history visibility algorithm with the visibility in
    /// force at the event. Users always see their own membership events.
    /// </summary>
    public bool CanSee(string userId, StoredEvent e)
    {
        if (e.Type == "m.room.member" && e.StateKey == userId)
        {
            return true;
        }

        var membershipAt = MembershipAt(userId, e.Position);
        return VisibilityAt(e.Position) switch
        {
            "world_readable" => true,
            _ when membershipAt == "join" => true,
            "shared" => JoinedAtOrAfter(userId, e.Position),
            "invited" => membershipAt == "invite",
            _ => false,
        };
    }

    /// <summary>Current state as it was just before <paramref name="position"/> (exclusive).</summary>
    public Dictionary<(string Type, string StateKey), StoredEvent> StateBefore(long position)
    {
        var state = new Dictionary<(string, string), StoredEvent>();
        foreach (var e in Timeline)
        {
            if (e.Position >= position)
            {
                break;
            }

            if (e.StateKey is not null)
            {
                state[(e.Type, e.StateKey)] = e;
            }
        }

        return state;
    }

    private string VisibilityAt(long position)
    {
        var visibility = "shared";
        foreach (var e in Timeline)
        {
            if (e.Position >= position)
            {
                break;
            }

            if (e.Type == "m.room.history_visibility" && e.StateKey == "")
            {
                visibility = e.Content["history_visibility"]?.GetValue<string>() ?? visibility;
            }
        }

        return visibility;
    }

    private bool JoinedAtOrAfter(string userId, long position) =>
        MemberHistory.TryGetValue(userId, out var history) &&
        history.Any(e => e.Position >= position && e.Membership == "join");
}
