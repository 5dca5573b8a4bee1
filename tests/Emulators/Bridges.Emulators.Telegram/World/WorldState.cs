using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Bridges.Emulators.Telegram.World;

/// <summary>
/// Everything the emulator knows: accounts, bots, chats, messages, files and what bots did. One lock
/// (<see cref="Gate"/>) guards it all; HTTP handlers and test-side actions both take it, briefly.
/// </summary>
internal sealed partial class WorldState(TelegramEmulatorOptions options, BotApiSpec spec)
{
    private const string TokenAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

    // Id ranges that look like Telegram's: users, bots, basic groups (negative) and supergroups (-100…).
    private long _nextUserId = 100_000_001;
    private long _nextBotId = 7_000_000_001;
    private long _nextGroupId = 4_000_000_001;
    private long _nextSupergroupId = 1_000_000_001;
    private long _nextUpdateBase = 500_000_000;

    public object Gate { get; } = new();

    public TelegramEmulatorOptions Options { get; } = options;

    public BotApiSpec Spec { get; } = spec;

    public Dictionary<long, UserState> Users { get; } = [];

    public Dictionary<string, BotState> BotsByToken { get; } = new(StringComparer.Ordinal);

    public Dictionary<long, BotState> BotsById { get; } = [];

    /// <summary>Groups and supergroups by id (private chats live in their bot).</summary>
    public Dictionary<long, ChatState> Chats { get; } = [];

    public FileStore Files { get; } = new();

    public List<BotAction> Actions { get; } = [];

    public ChangeSignal ActionsChanged { get; } = new();

    public List<SpecViolation> Violations { get; } = [];

    public List<RecordedRequest> Requests { get; } = [];

    /// <summary>Injected 429s: method (case-insensitive) → (retry_after, calls still to refuse).</summary>
    public Dictionary<string, (int RetryAfter, int Remaining)> RateLimits { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Injected transient failures: method → (calls to let through first, status, calls still to fail).</summary>
    public Dictionary<string, (int Skip, int Status, int Remaining)> Failures { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Telegram's flood control of bots' sends.</summary>
    public FloodControl Flood { get; } = new(options.FloodLimits);

    public DateTimeOffset NowOffset => Options.TimeProvider.GetUtcNow();

    public long Now => NowOffset.ToUnixTimeSeconds();

    public void Record(BotAction action)
    {
        Actions.Add(action);
        ActionsChanged.Notify();
    }

    public UserState AddUser(string firstName, string? lastName, string? username, string? languageCode)
    {
        if (username is not null && Users.Values.Any(u => string.Equals(u.Username, username, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"the username {username} is taken", nameof(username));
        }

        var user = new UserState(_nextUserId++, false, firstName, lastName, username) { LanguageCode = languageCode };
        Users[user.Id] = user;
        return user;
    }

    public BotState AddBot(string name, string username)
    {
        if (!username.EndsWith("bot", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("Telegram bot usernames end in \"bot\"", nameof(username));
        }

        if (Users.Values.Any(u => string.Equals(u.Username, username, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"the username {username} is taken", nameof(username));
        }

        var user = new UserState(_nextBotId++, true, name, null, username);
        Users[user.Id] = user;
        var token = $"{user.Id}:{RandomNumberGenerator.GetString(TokenAlphabet, 35)}";
        var bot = new BotState(name, token, user, _nextUpdateBase) { PrivacyMode = Options.PrivacyModeByDefault };
        _nextUpdateBase += 100_000_000;
        BotsByToken[token] = bot;
        BotsById[user.Id] = bot;
        return bot;
    }

    public ChatState AddGroup(string title)
    {
        var chat = new ChatState(-_nextGroupId++, "group") { Title = title };
        Chats[chat.Id] = chat;
        return chat;
    }

    public ChatState AddSupergroup(string title, bool isForum, string? username)
    {
        var chat = new ChatState(-(1_000_000_000_000 + _nextSupergroupId++), "supergroup")
        {
            Title = title,
            IsForum = isForum,
            Username = username,
        };
        Chats[chat.Id] = chat;
        return chat;
    }

    public ChatState PrivateChat(BotState bot, UserState user)
    {
        if (!bot.PrivateChats.TryGetValue(user.Id, out var chat))
        {
            chat = new ChatState(user.Id, "private") { PrivateUser = user, PrivateBot = bot };
            bot.PrivateChats[user.Id] = chat;
        }

        return chat;
    }

    public UserState User(long id) => Users.GetValueOrDefault(id)
        ?? throw new InvalidOperationException($"no user {id} in the emulator");

    /// <summary>A ChatMemberUpdated object for my_chat_member / chat_member updates.</summary>
    public JsonObject ChatMemberUpdated(ChatState chat, UserState actor, UserState member, string oldStatus, string newStatus) =>
        new()
        {
            ["chat"] = chat.ToJson(),
            ["from"] = actor.ToJson(),
            ["date"] = Now,
            ["old_chat_member"] = new MemberState(member.Id, oldStatus).ToJson(member, Spec),
            ["new_chat_member"] = new MemberState(member.Id, newStatus).ToJson(member, Spec),
        };
}
