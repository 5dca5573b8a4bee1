using System.Text.Json.Nodes;

namespace Bridges.Emulators.Telegram.World;

/// <summary>A bot: its account, its queue of unconfirmed updates and how it receives them.</summary>
internal sealed class BotState(string name, string token, UserState user, long firstUpdateId)
{
    /// <summary>Update types a bot gets when it never chose (or chose an empty list), per the getUpdates docs.</summary>
    private static readonly HashSet<string> OptInOnly = ["chat_member", "message_reaction", "message_reaction_count"];

    private long _nextUpdateId = firstUpdateId;

    public string Name { get; } = name;

    public string Token { get; } = token;

    public UserState User { get; } = user;

    /// <summary>Unconfirmed updates, oldest first.</summary>
    public List<JsonObject> Updates { get; } = [];

    /// <summary>The last allowed_updates choice; null means the default set.</summary>
    public HashSet<string>? AllowedUpdates { get; set; }

    public WebhookState? Webhook { get; set; }

    /// <summary>BotFather's /setprivacy: on, the bot sees only some group messages (see <see cref="WorldState.BotsIn"/>).</summary>
    public bool PrivacyMode { get; set; }

    /// <summary>Private chats with users who started the bot, by user id.</summary>
    public Dictionary<long, ChatState> PrivateChats { get; } = [];

    public ChangeSignal UpdatesChanged { get; } = new();

    /// <summary>Notified whenever a getUpdates call starts waiting.</summary>
    public ChangeSignal PollStarted { get; } = new();

    /// <summary>The getUpdates call currently waiting; a newer call ends it with a 409 Conflict.</summary>
    public CancellationTokenSource? ActivePoll { get; set; }

    public bool Accepts(string updateType) =>
        AllowedUpdates?.Contains(updateType) ?? !OptInOnly.Contains(updateType);

    /// <summary>Queues an update of <paramref name="updateType"/> unless the bot's allowed_updates exclude it.</summary>
    public void Enqueue(string updateType, JsonNode payload)
    {
        if (!Accepts(updateType))
        {
            return;
        }

        Updates.Add(new JsonObject { ["update_id"] = _nextUpdateId++, [updateType] = payload });
        UpdatesChanged.Notify();
    }

    /// <summary>
    /// Applies a getUpdates offset: a positive offset confirms (forgets) every update below it, a negative one keeps
    /// only the last -offset updates.
    /// </summary>
    public void Confirm(long offset)
    {
        var before = Updates.Count;
        if (offset > 0)
        {
            Updates.RemoveAll(u => (long)u["update_id"]! < offset);
        }
        else if (offset < 0 && Updates.Count > -offset)
        {
            Updates.RemoveRange(0, Updates.Count - (int)-offset);
        }

        if (Updates.Count != before)
        {
            UpdatesChanged.Notify();
        }
    }
}
