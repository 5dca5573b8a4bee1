using System.Collections.Concurrent;
using Bridges.Core.Bridge;
using Bridges.Core.Content;
using Bridges.Core.Database;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Bridges.Matrix.Client;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Ghosts;

/// <summary>
/// Maps remote users to ghost Matrix users (localpart from the template, escaped reversibly), registers
/// them lazily, and keeps their display name and avatar in step with the remote profile.
/// </summary>
internal sealed class GhostManager
{
    private readonly AppServiceIntents _intents;
    private readonly IGhostStore _store;
    private readonly BridgeOptions _options;
    private readonly NetworkDescriptor _network;
    private readonly long _maxMediaBytes;
    private readonly ConcurrentDictionary<RemoteUserId, GhostRecord> _cache = new();
    private readonly string _prefix;
    private readonly string _suffix;

    public GhostManager(AppServiceIntents intents, IGhostStore store, BridgeOptions options, NetworkDescriptor network)
    {
        _intents = intents;
        _store = store;
        _options = options;
        _network = network;
        _maxMediaBytes = options.MaxMediaBytes;
        var template = options.GhostLocalpartTemplate.Replace("{network}", network.Id, StringComparison.Ordinal);
        var idAt = template.IndexOf("{id}", StringComparison.Ordinal);
        if (idAt < 0)
        {
            throw new ArgumentException("ghost_localpart_template must contain {id}.", nameof(options));
        }

        _prefix = template[..idAt];
        _suffix = template[(idAt + "{id}".Length)..];
    }

    /// <summary>The ghost's Matrix user id.</summary>
    public UserId UserIdFor(RemoteUserId id) => UserId.Create(_prefix + UserId.EscapeLocalpart(id.Value) + _suffix, _intents.ServerName);

    /// <summary>The remote user a ghost stands for, or null when the user is not one of our ghosts.</summary>
    public RemoteUserId? RemoteIdFor(UserId userId)
    {
        if (userId.Server != _intents.ServerName)
        {
            return null;
        }

        var local = userId.Localpart;
        if (!local.StartsWith(_prefix, StringComparison.Ordinal) || !local.EndsWith(_suffix, StringComparison.Ordinal) || local.Length <= _prefix.Length + _suffix.Length)
        {
            return null;
        }

        var raw = UserId.UnescapeLocalpart(local[_prefix.Length..^_suffix.Length]);
        return raw is null ? null : new RemoteUserId(raw);
    }

    /// <summary>The ghost's intent, registered, with its profile synced from <paramref name="client"/> when first seen.</summary>
    public async Task<Intent> EnsureGhostAsync(RemoteUserId id, INetworkClient? client, CancellationToken ct)
    {
        var intent = _intents.Get(UserIdFor(id));
        if (_cache.ContainsKey(id))
        {
            return intent;
        }

        await intent.EnsureRegisteredAsync(ct).ConfigureAwait(false);
        var record = await _store.GetAsync(id, ct).ConfigureAwait(false);
        if (record is null && client is not null)
        {
            var info = await client.GetUserInfoAsync(id, ct).ConfigureAwait(false);
            record = await UpdateProfileAsync(id, info, ct).ConfigureAwait(false);
        }

        _cache[id] = record ?? new GhostRecord { Id = id };
        return intent;
    }

    /// <summary>Applies a remote profile to the ghost, setting only what changed.</summary>
    public async Task<GhostRecord> UpdateProfileAsync(RemoteUserId id, UserInfo info, CancellationToken ct)
    {
        var intent = _intents.Get(UserIdFor(id));
        await intent.EnsureRegisteredAsync(ct).ConfigureAwait(false);
        var current = _cache.GetValueOrDefault(id) ?? await _store.GetAsync(id, ct).ConfigureAwait(false) ?? new GhostRecord { Id = id };
        var updated = current;
        var name = _options.GhostDisplayNameTemplate
            .Replace("{name}", info.DisplayName ?? id.Value, StringComparison.Ordinal)
            .Replace("{network}", _network.DisplayName, StringComparison.Ordinal);
        if (current.DisplayName != name)
        {
            await intent.SetDisplayNameAsync(name, ct).ConfigureAwait(false);
            updated = updated with { DisplayName = name };
        }

        if (info.Avatar is { } avatar && info.AvatarId != current.AvatarId)
        {
            var mxc = await MediaUpload.UploadAsync(intent, avatar, _maxMediaBytes, ct).ConfigureAwait(false);
            await intent.SetAvatarUrlAsync(mxc, ct).ConfigureAwait(false);
            updated = updated with { AvatarId = info.AvatarId, AvatarUrl = mxc };
        }

        if (!ReferenceEquals(updated, current))
        {
            await _store.UpsertAsync(updated, ct).ConfigureAwait(false);
        }

        _cache[id] = updated;
        return updated;
    }
}
