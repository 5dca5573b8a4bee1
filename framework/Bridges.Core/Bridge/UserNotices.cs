using Bridges.Matrix.Client;
using Bridges.Matrix.Events;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Bridge;

/// <summary>Notices to a user outside a command's reply: to their management room, made when they have none.</summary>
internal sealed class UserNotices(BridgeContext env)
{
    private const string ManagementRoomKeyPrefix = "core/management-room/";
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Remembers where <paramref name="user"/> talks to the bot, for later notices.</summary>
    public async Task RememberManagementRoomAsync(UserId user, RoomId room, CancellationToken ct)
    {
        if (await env.Stores.KeyValues.GetAsync(ManagementRoomKeyPrefix + user.Value, ct).ConfigureAwait(false) != room.Value)
        {
            await env.Stores.KeyValues.SetAsync(ManagementRoomKeyPrefix + user.Value, room.Value, ct).ConfigureAwait(false);
        }
    }

    public async Task NotifyAsync(UserId user, string text, CancellationToken ct)
    {
        RoomId room;
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (await env.Stores.KeyValues.GetAsync(ManagementRoomKeyPrefix + user.Value, ct).ConfigureAwait(false) is { } known && RoomId.TryParse(known, out var parsed))
            {
                room = parsed;
            }
            else
            {
                room = await env.Intents.Bot.CreateRoomAsync(new CreateRoomRequest
                {
                    Preset = "trusted_private_chat", IsDirect = true, Invite = [user], Name = $"{env.NetworkName} bridge",
                }, ct).ConfigureAwait(false);
                await env.Stores.KeyValues.SetAsync(ManagementRoomKeyPrefix + user.Value, room.Value, ct).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }

        await env.Intents.Bot.SendMessageAsync(room, MessageContent.Notice(text, null), null, ct).ConfigureAwait(false);
    }
}
