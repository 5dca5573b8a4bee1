using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bridges.Emulators.Telegram.World;

namespace Bridges.Emulators.Telegram.Methods;

/// <summary>One validated call: typed access to its parameters and the chat rules every chat method shares.</summary>
internal sealed class MethodContext(
    WorldState world,
    BotState bot,
    BotApiMethod method,
    IReadOnlyDictionary<string, JsonElement> values,
    IReadOnlyDictionary<string, BotApiUpload> uploads,
    HttpClient http,
    CancellationToken ct)
{
    private const string AttachPrefix = "attach://";

    public WorldState World { get; } = world;

    public BotState Bot { get; } = bot;

    public string Method => method.Name;

    public HttpClient Http { get; } = http;

    public CancellationToken Ct { get; } = ct;

    public bool Has(string name) => values.ContainsKey(name);

    public JsonElement? Json(string name) => values.TryGetValue(name, out var v) ? v : null;

    public string? String(string name) => values.TryGetValue(name, out var v)
        ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()
        : null;

    public long? Long(string name) => values.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;

    public int? Int(string name) => Long(name) is { } l ? (int)Math.Clamp(l, int.MinValue, int.MaxValue) : null;

    public double? Double(string name) => values.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    public bool Bool(string name) => values.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.True;

    /// <summary>The uploaded part an <c>attach://name</c> value (or a file parameter) refers to.</summary>
    public BotApiUpload? Upload(string value) =>
        value.StartsWith(AttachPrefix, StringComparison.Ordinal) ? uploads.GetValueOrDefault(value[AttachPrefix.Length..]) : null;

    /// <summary>Looks a user up for text_mention entities.</summary>
    public JsonObject? FindUser(long id) => World.Users.GetValueOrDefault(id)?.ToJson();

    /// <summary>
    /// Resolves a chat_id parameter (id or @username) to a chat this bot can see. Call with <see cref="WorldState.Gate"/>
    /// held. A group that was upgraded answers with its supergroup's id, as Telegram does.
    /// </summary>
    public ChatState Chat(string parameter = "chat_id")
    {
        var value = Json(parameter) ?? throw BotApiException.BadRequest("chat_id is empty");
        long id;
        if (value.ValueKind == JsonValueKind.Number)
        {
            id = value.GetInt64();
        }
        else
        {
            var text = value.GetString()!;
            if (text.StartsWith('@'))
            {
                return World.Chats.Values.FirstOrDefault(c => string.Equals("@" + c.Username, text, StringComparison.OrdinalIgnoreCase))
                       ?? throw BotApiException.BadRequest("chat not found");
            }

            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out id))
            {
                throw BotApiException.BadRequest("chat not found");
            }
        }

        var chat = id > 0 ? Bot.PrivateChats.GetValueOrDefault(id) : World.Chats.GetValueOrDefault(id);
        if (chat is null)
        {
            throw BotApiException.BadRequest("chat not found");
        }

        if (chat.MigratedToChatId is { } newId)
        {
            throw BotApiException.BadRequest("group chat was upgraded to a supergroup chat",
                new JsonObject { ["migrate_to_chat_id"] = newId });
        }

        EnsureMember(chat);
        return chat;
    }

    /// <summary>Refuses sending where Telegram does: to a user who blocked the bot.</summary>
    public void EnsureCanPost(ChatState chat)
    {
        if (chat.IsPrivate && chat.PrivateUser!.BlockedBots.Contains(Bot.User.Id))
        {
            throw BotApiException.Forbidden("bot was blocked by the user");
        }
    }

    public bool IsAdmin(ChatState chat) => chat.Member(Bot.User.Id)?.IsAdmin == true;

    public StoredMessage? Message(ChatState chat, string parameter = "message_id") =>
        Int(parameter) is { } id ? chat.Messages.GetValueOrDefault(id) : null;

    private void EnsureMember(ChatState chat)
    {
        if (chat.IsPrivate)
        {
            return;
        }

        var kind = chat.Type == "group" ? "group chat" : "supergroup chat";
        switch (chat.Member(Bot.User.Id)?.Status)
        {
            case "kicked":
                throw BotApiException.Forbidden($"bot was kicked from the {kind}");
            case null or "left":
                throw BotApiException.Forbidden($"bot is not a member of the {kind}");
        }
    }
}
