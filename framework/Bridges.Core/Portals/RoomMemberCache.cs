using System.Collections.Concurrent;
using Bridges.Matrix.Client;
using Bridges.Matrix.Events;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Portals;

/// <summary>
/// Room display names and avatars of Matrix members, for relaying their messages under the name the room shows:
/// filled by one fetch per room, then kept current from member events.
/// </summary>
internal sealed class RoomMemberCache(AppServiceIntents intents)
{
    private readonly ConcurrentDictionary<(RoomId Room, UserId User), string> _names = new();
    private readonly ConcurrentDictionary<(RoomId Room, UserId User), string> _avatars = new();

    /// <summary>The member's room avatar (mxc), if the cache knows one.</summary>
    public string? AvatarOf(RoomId room, UserId user) => _avatars.TryGetValue((room, user), out var mxc) ? mxc : null;

    /// <summary>Keeps the cache current from a member event.</summary>
    public void Observe(MatrixEvent evt)
    {
        if (evt.Type != EventTypes.Member || !UserId.TryParse(evt.StateKey, out var user) || evt.ContentAs(MatrixJsonContext.Default.MemberContent) is not { } member)
        {
            return;
        }

        if (member.Membership == Membership.Join)
        {
            _names[(evt.RoomId, user)] = string.IsNullOrWhiteSpace(member.DisplayName) ? user.Localpart : member.DisplayName;
            if (member.AvatarUrl is { } avatar)
            {
                _avatars[(evt.RoomId, user)] = avatar.Value;
            }
            else
            {
                _avatars.TryRemove((evt.RoomId, user), out _);
            }
        }
        else
        {
            _names.TryRemove((evt.RoomId, user), out _);
            _avatars.TryRemove((evt.RoomId, user), out _);
        }
    }

    /// <summary>The member's room display name (their localpart when the room has none for them).</summary>
    public async Task<string> DisplayNameAsync(RoomId room, UserId user, CancellationToken ct)
    {
        if (_names.TryGetValue((room, user), out var cached))
        {
            return cached;
        }

        try
        {
            // One fetch fills the cache for the whole room; member events keep it current afterwards.
            var members = await intents.Bot.GetJoinedMembersAsync(room, ct).ConfigureAwait(false);
            foreach (var (id, member) in members)
            {
                _names[(room, id)] = string.IsNullOrWhiteSpace(member.DisplayName) ? id.Localpart : member.DisplayName;
                if (!string.IsNullOrEmpty(member.AvatarUrl))
                {
                    _avatars[(room, id)] = member.AvatarUrl;
                }
            }

            return _names.TryGetValue((room, user), out var name) ? name : user.Localpart;
        }
        catch (Matrix.Errors.MatrixException)
        {
            return user.Localpart;
        }
    }
}
