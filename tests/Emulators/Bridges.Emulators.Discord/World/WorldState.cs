using Bridges.Emulators.Discord.Validation;

namespace Bridges.Emulators.Discord.World;

/// <summary>
/// Everything the emulator holds. One lock (<see cref="Gate"/>) guards it all; the REST handlers, the Gateway and
/// the test controls take it for each step, so a test sees a consistent world.
/// </summary>
internal sealed class WorldState(TimeProvider time)
{
    /// <summary>Discord's epoch (2015-01-01), the zero of snowflake timestamps.</summary>
    private const long DiscordEpochMs = 1420070400000;
    private long _lastId;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public object Gate { get; } = new();

    public TimeProvider Time { get; } = time;

    public Dictionary<string, EmulatedUser> Users { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, EmulatedGuild> Guilds { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, HashSet<string>> Members { get; } = new(StringComparer.Ordinal);

    /// <summary>Roles by id, of every guild; a guild's @everyone role has the guild's id.</summary>
    public Dictionary<string, EmulatedRole> Roles { get; } = new(StringComparer.Ordinal);

    /// <summary>Roles and nicknames of the members in <see cref="Members"/>, by (guild, user).</summary>
    public Dictionary<(string Guild, string User), EmulatedMember> MemberDetails { get; } = [];

    /// <summary>Banned users, by (guild, user).</summary>
    public HashSet<(string Guild, string User)> Bans { get; } = [];

    public Dictionary<string, EmulatedChannel> Channels { get; } = new(StringComparer.Ordinal);

    /// <summary>Messages by id, in posting order per channel through their snowflakes.</summary>
    public SortedDictionary<long, EmulatedMessage> Messages { get; } = [];

    public Dictionary<string, EmulatedWebhook> Webhooks { get; } = new(StringComparer.Ordinal);

    /// <summary>Custom emoji by id.</summary>
    public Dictionary<string, EmulatedEmoji> Emojis { get; } = new(StringComparer.Ordinal);

    /// <summary>The guild's custom emoji.</summary>
    public IEnumerable<EmulatedEmoji> EmojisOf(string guildId) => Emojis.Values.Where(e => e.GuildId == guildId);

    public List<SpecViolation> Violations { get; } = [];

    /// <summary>Where files and avatars are served (the emulator's base URL).</summary>
    public string CdnBase { get; set; } = "http://127.0.0.1/";

    /// <summary>Every REST call answered, as <c>METHOD /path → status</c>.</summary>
    public List<string> Requests { get; } = [];

    /// <summary>How many 429s were answered (bucket and global).</summary>
    public int RateLimited { get; set; }

    /// <summary>A new snowflake: time since Discord's epoch in the top bits, always increasing.</summary>
    public string NextId()
    {
        var ms = Time.GetUtcNow().ToUnixTimeMilliseconds() - DiscordEpochMs;
        var id = Math.Max(ms << 22, _lastId + 1);
        _lastId = id;
        return id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public EmulatedMessage? Message(string id) =>
        long.TryParse(id, out var key) && Messages.TryGetValue(key, out var m) ? m : null;

    public void Put(EmulatedMessage message) => Messages[long.Parse(message.Id, System.Globalization.CultureInfo.InvariantCulture)] = message;

    /// <summary>A member's roles and nickname (none yet for one added before roles were tracked).</summary>
    public EmulatedMember MemberOf(string guildId, string userId) =>
        MemberDetails.TryGetValue((guildId, userId), out var member) ? member : new EmulatedMember(guildId, userId, [], null, Time.GetUtcNow());

    public IEnumerable<EmulatedRole> RolesOf(string guildId) => Roles.Values.Where(r => r.GuildId == guildId).OrderBy(r => r.Position);

    /// <summary>Wakes every waiter (call under <see cref="Gate"/> after a change).</summary>
    public void Changed()
    {
        var previous = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        previous.TrySetResult();
    }

    /// <summary>Completes at the next change (take it under <see cref="Gate"/> before checking the condition).</summary>
    public Task NextChange => _changed.Task;

    /// <summary>The upload limit of a guild's boost tier (the docs' premium tiers: 10, 10, 50 and 100 MiB).</summary>
    public static long UploadLimit(int premiumTier) => premiumTier switch
    {
        2 => 50L << 20,
        3 => 100L << 20,
        _ => 10L << 20,
    };
}
