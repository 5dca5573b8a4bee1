using System.Text.Json.Nodes;
using Bridges.Testing.Homeserver.AppServices;
using Bridges.Testing.Homeserver.Http;
using Bridges.Testing.Homeserver.Logic;

namespace Bridges.Testing.Homeserver.Model;

/// <summary>
/// All state of one homeserver. Everything mutable is guarded by <see cref="Gate"/>; handlers take it for the
/// shortest span and never across an outgoing HTTP call (appservices call back into us while we wait).
/// </summary>
internal sealed class HomeserverContext
{
    public HomeserverContext(TestHomeserverOptions options, HttpClient appServiceHttp)
    {
        Options = options;
        Validator = options.Validator ?? MatrixSpecValidator.Shared;
        Violations = new ViolationRecorder(options.OnSpecViolation);
        Events = new EventPublisher(this);
        AppServices = new AppServiceHub(this, appServiceHttp);
    }

    public TestHomeserverOptions Options { get; }

    public string ServerName => Options.ServerName;

    public TimeProvider Time => Options.TimeProvider;

    public long NowMs => Time.GetUtcNow().ToUnixTimeMilliseconds();

    public MatrixSpecValidator Validator { get; }

    public ViolationRecorder Violations { get; }

    public Lock Gate { get; } = new();

    public EventStream Stream { get; } = new();

    public Dictionary<string, UserAccount> Users { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, AccessTokenInfo> Tokens { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Room> Rooms { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, AliasEntry> Aliases { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, MediaItem> Media { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Responses of transactional PUTs by (requester scope, request path), for idempotency, with the time they were
    /// stored: like Synapse, an entry is forgotten after <see cref="TestHomeserverOptions.TransactionLifetime"/>.
    /// </summary>
    public Dictionary<(string Scope, string Path), (JsonObject Response, long StoredAtMs)> Transactions { get; } = [];

    public HashSet<string> UiaSessions { get; } = new(StringComparer.Ordinal);

    public EventPublisher Events { get; }

    public AppServiceHub AppServices { get; }

    public string UserId(string localpart) => $"@{localpart}:{ServerName}";

    public bool IsLocalUser(string userId) => userId.EndsWith(":" + ServerName, StringComparison.Ordinal);

    public Room GetRoom(string roomId) =>
        Rooms.TryGetValue(roomId, out var room) ? room : throw MatrixError.NotFound("Unknown room " + roomId);

    public UserAccount RegisterUser(string userId, string? appServiceId)
    {
        var account = new UserAccount(userId) { AppServiceId = appServiceId };
        // Synapse gives new accounts their localpart as display name.
        account.Profile["displayname"] = account.Localpart;
        Users[userId] = account;
        return account;
    }

    public AccessTokenInfo IssueToken(string userId, string? deviceId)
    {
        var info = new AccessTokenInfo(Ids.AccessToken(), userId, deviceId ?? Ids.DeviceId());
        Tokens[info.Token] = info;
        return info;
    }
}
