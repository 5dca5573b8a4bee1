using System.Text.Json.Nodes;

namespace Bridges.Emulators.Telegram.World;

/// <summary>A Telegram account of the simulated world: a person or a bot.</summary>
internal sealed class UserState(long id, bool isBot, string firstName, string? lastName, string? username)
{
    public long Id { get; } = id;

    public bool IsBot { get; } = isBot;

    public string FirstName { get; } = firstName;

    public string? LastName { get; } = lastName;

    public string? Username { get; } = username;

    public string? LanguageCode { get; init; }

    /// <summary>Profile photos, newest first; each is the list of its sizes (PhotoSize objects).</summary>
    public List<JsonArray> ProfilePhotos { get; } = [];

    /// <summary>Bots this user has blocked (sends to them answer 403).</summary>
    public HashSet<long> BlockedBots { get; } = [];

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["id"] = Id, ["is_bot"] = IsBot, ["first_name"] = FirstName };
        if (LastName is not null)
        {
            json["last_name"] = LastName;
        }

        if (Username is not null)
        {
            json["username"] = Username;
        }

        if (LanguageCode is not null && !IsBot)
        {
            json["language_code"] = LanguageCode;
        }

        return json;
    }
}
