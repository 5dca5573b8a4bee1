using System.Text.Json;
using Bridges.Matrix.Client;
using Bridges.Matrix.Events;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Portals;

/// <summary>Applies remote power (IRC op/voice, group admins) to ghosts in the room's power levels, through the bot.</summary>
internal sealed class PowerLevelSync(AppServiceIntents intents)
{
    // Rooms where the bot is a creator with infinite power (room version 12 and later), by room.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<RoomId, bool> _botIsInfiniteCreator = new();

    /// <summary>Sets the levels of <paramref name="levels"/>' users, sending one state event only when something changes.</summary>
    public async Task ApplyAsync(RoomId room, IReadOnlyDictionary<UserId, long> levels, CancellationToken ct)
    {
        if (levels.Count == 0)
        {
            return;
        }

        var bot = intents.Bot;
        var current = (await bot.Client.GetStateEventAsync(room, EventTypes.PowerLevels, string.Empty, null, ct).ConfigureAwait(false))
            .Deserialize(MatrixJsonContext.Default.PowerLevelsContent) ?? new PowerLevelsContent();
        var users = new Dictionary<string, long>(current.Users);
        var botLevel = await BotLevelAsync(room, current, ct).ConfigureAwait(false);
        var changed = false;
        foreach (var (user, level) in levels)
        {
            // The bot's own level is never lowered, and a ghost never reaches it, so the bot can always undo.
            var capped = botLevel == long.MaxValue ? level : Math.Min(level, botLevel - 1);
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

    /// <summary>
    /// The bot's level: from room version 12 a creator is not listed in <c>users</c> and has infinite power
    /// (<see cref="long.MaxValue"/>), so reading it from <c>users</c> would put every ghost below the default.
    /// </summary>
    private async Task<long> BotLevelAsync(RoomId room, PowerLevelsContent current, CancellationToken ct)
    {
        var bot = intents.Bot;
        if (current.Users.TryGetValue(bot.UserId.Value, out var listed))
        {
            return listed;
        }

        // Who created a room never changes: one look at its state per room.
        if (!_botIsInfiniteCreator.TryGetValue(room, out var infinite))
        {
            var create = (await bot.GetStateAsync(room, ct).ConfigureAwait(false)).FirstOrDefault(e => e.Type == EventTypes.Create && e.StateKey == string.Empty);
            var content = create?.ContentAs(MatrixJsonContext.Default.CreateContent);
            infinite = content is { CreatorsHaveInfinitePower: true } && content.IsCreator(bot.UserId.Value, create!.Sender.Value);
            _botIsInfiniteCreator[room] = infinite;
        }

        return infinite ? long.MaxValue : current.UsersDefault;
    }
}
