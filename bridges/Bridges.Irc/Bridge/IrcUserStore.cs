using System.Text.Json;
using System.Text.Json.Serialization;
using Bridges.Core.Network;
using Bridges.Core.Security;
using Bridges.Matrix.Ids;

namespace Bridges.Irc.Bridge;

/// <summary>What the bridge keeps per Matrix user and network (in the plugin's key-value store).</summary>
internal sealed record IrcUserState
{
    /// <summary>The nick the user chose with <c>nick</c>; null: from the template.</summary>
    public string? Nick { get; init; }

    /// <summary>The NickServ/SASL password, encrypted (see <see cref="IrcUserStore"/>).</summary>
    public string? Password { get; init; }

    /// <summary>When the puppet last acted, in Unix milliseconds (0: never).</summary>
    public long LastActive { get; init; }

    /// <summary>Channels the puppet is in, rejoined when it connects again.</summary>
    public List<string> Channels { get; init; } = [];
}

[JsonSerializable(typeof(IrcUserState))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class IrcJsonContext : JsonSerializerContext;

/// <summary>
/// Per-user state and the relay bots' channel lists in the plugin key-value store. Passwords are encrypted with
/// AES-256-GCM under a key derived (HKDF-SHA256) from <see cref="IrcOptions.PasswordKey"/>, bound to the user and
/// network as associated data, so a stolen database alone reveals none and a row copied to another user fails.
/// </summary>
internal sealed class IrcUserStore(Func<IPluginKeyValueStore> store, Secret? passwordKey)
{
    private readonly SecretBox? _box = passwordKey is { IsEmpty: false } k ? new SecretBox(k, "bridges-irc-passwords") : null;

    public bool CanStorePasswords => _box is not null;

    public async Task<IrcUserState> GetAsync(UserId user, string network, CancellationToken ct) =>
        await store().GetAsync(UserKey(user, network), ct).ConfigureAwait(false) is { } json
            ? JsonSerializer.Deserialize(json, IrcJsonContext.Default.IrcUserState) ?? new IrcUserState()
            : new IrcUserState();

    public Task SetAsync(UserId user, string network, IrcUserState state, CancellationToken ct) =>
        store().SetAsync(UserKey(user, network), JsonSerializer.Serialize(state, IrcJsonContext.Default.IrcUserState), ct);

    public async Task<List<string>> GetRelayChannelsAsync(string network, CancellationToken ct) =>
        await store().GetAsync($"irc/relay/{network}/channels", ct).ConfigureAwait(false) is { } json
            ? JsonSerializer.Deserialize(json, IrcJsonContext.Default.ListString) ?? []
            : [];

    public Task SetRelayChannelsAsync(string network, List<string> channels, CancellationToken ct) =>
        store().SetAsync($"irc/relay/{network}/channels", JsonSerializer.Serialize(channels, IrcJsonContext.Default.ListString), ct);

    public string Encrypt(UserId user, string network, string password) =>
        (_box ?? throw new InvalidOperationException("password_key is not configured.")).Seal(password, Associated(user, network));

    /// <summary>The password, or null when none is stored or it cannot be decrypted (key changed).</summary>
    public Secret? Decrypt(UserId user, string network, string? stored) => _box?.Open(stored, Associated(user, network));

    private static string UserKey(UserId user, string network) => $"irc/user/{network}/{user.Value}";

    private static string Associated(UserId user, string network) => user.Value + "\n" + network;
}
