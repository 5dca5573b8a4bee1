using System.Text.Json;
using Bridges.Core.Bridge;
using Bridges.Matrix.Events;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Portals;

/// <summary>Applies remote power (IRC op/voice, group admins) to ghosts in the room's power levels, through the bot.</summary>
internal static class PowerLevelSync
{
    /// <summary>Sets the levels of <paramref name="levels"/>' users, sending one state event only when something changes.</summary>
    public static async Task ApplyAsync(NetworkBridge bridge, RoomId room, IReadOnlyDictionary<UserId, long> levels, CancellationToken ct)
    {
        if (levels.Count == 0)
        {
            return;
        }

        var bot = bridge.Intents.Bot;
        var current = (await bot.Client.GetStateEventAsync(room, EventTypes.PowerLevels, string.Empty, null, ct).ConfigureAwait(false))
            .Deserialize(MatrixJsonContext.Default.PowerLevelsContent) ?? new PowerLevelsContent();
        var users = new Dictionary<string, long>(current.Users);
        var changed = false;
        foreach (var (user, level) in levels)
        {
            // The bot's own level is never lowered, and a ghost never reaches it, so the bot can always undo.
            var capped = Math.Min(level, current.UserLevel(bot.UserId.Value) - 1);
            if (current.UserLevel(user.Value) == capped)
            {
                continue;
            }

            if (capped == current.UsersDefault)
            {
                users.Remove(user.Value);
            }
            else
            {
                users[user.Value] = capped;
            }

            changed = true;
        }

        if (changed)
        {
            await bot.SendStateAsync(room, EventTypes.PowerLevels, string.Empty, current with { Users = users }, MatrixJsonContext.Default.PowerLevelsContent, ct).ConfigureAwait(false);
        }
    }
}
