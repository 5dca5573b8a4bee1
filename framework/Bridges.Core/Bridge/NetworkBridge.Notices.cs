using Bridges.Matrix.Client;
using Bridges.Matrix.Events;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Bridge;

/// <summary>Notices to a user outside a command's reply: to their management room, made when they have none.</summary>
public sealed partial class NetworkBridge
{
    private const string ManagementRoomKeyPrefix = "core/management-room/";
    private readonly SemaphoreSlim _noticeGate = new(1, 1);

    /// <summary>Remembers where <paramref name="user"/> talks to the bot, for later notices.</summary>
    internal async Task RememberManagementRoomAsync(UserId user, RoomId room, CancellationToken ct)
    {
        if (await Stores.KeyValues.GetAsync(ManagementRoomKeyPrefix + user.Value, ct).ConfigureAwait(false) != room.Value)
        {
            await Stores.KeyValues.SetAsync(ManagementRoomKeyPrefix + user.Value, room.Value, ct).ConfigureAwait(false);
        }
    }

    internal async Task NotifyUserAsync(UserId user, string text, CancellationToken ct)
    {
        RoomId room;
        await _noticeGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (await Stores.KeyValues.GetAsync(ManagementRoomKeyPrefix + user.Value, ct).ConfigureAwait(false) is { } known && RoomId.TryParse(known, out var parsed))
            {
                room = parsed;
            }
            else
            {
                room = await Intents.Bot.CreateRoomAsync(new CreateRoomRequest
                {
                    Preset = "trusted_private_chat", IsDirect = true, Invite = [user], Name = $"{Connector.Descriptor.DisplayName} bridge",
                }, ct).ConfigureAwait(false);
                await Stores.KeyValues.SetAsync(ManagementRoomKeyPrefix + user.Value, room.Value, ct).ConfigureAwait(false);
            }
        }
        finally
        {
            _noticeGate.Release();
        }

        await Intents.Bot.SendMessageAsync(room, MessageContent.Notice(text, null), null, ct).ConfigureAwait(false);
    }
}
