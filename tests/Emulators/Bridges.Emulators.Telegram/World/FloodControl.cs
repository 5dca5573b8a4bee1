namespace Bridges.Emulators.Telegram.World;

/// <summary>
/// Sliding-window counters of a bot's sends per chat and overall; a send over a limit is refused with the seconds
/// until the oldest send in that window expires (at least 1, as Telegram's retry_after is whole seconds).
/// </summary>
internal sealed class FloodControl(TelegramFloodLimits? limits)
{
    private readonly Dictionary<(long Bot, long Chat), Queue<DateTimeOffset>> _perChat = [];
    private readonly Dictionary<long, Queue<DateTimeOffset>> _perBot = [];

    /// <summary>Counts a send, or throws 429 without counting it. Call with the world's gate held.</summary>
    public void Check(BotState bot, ChatState chat, DateTimeOffset now)
    {
        if (limits is null)
        {
            return;
        }

        var (count, window) = chat.IsPrivate
            ? (limits.PrivateChatMessages, limits.PrivateChatWindow)
            : (limits.GroupMessages, limits.GroupWindow);
        var chatQueue = Queue(_perChat, (bot.User.Id, chat.Id));
        var botQueue = Queue(_perBot, bot.User.Id);
        var wait = Math.Max(Wait(chatQueue, count, window, now), Wait(botQueue, limits.GlobalMessages, limits.GlobalWindow, now));
        if (wait > 0)
        {
            throw BotApiException.TooManyRequests(wait);
        }

        chatQueue.Enqueue(now);
        botQueue.Enqueue(now);
    }

    private static Queue<DateTimeOffset> Queue<TKey>(Dictionary<TKey, Queue<DateTimeOffset>> queues, TKey key)
        where TKey : notnull
    {
        if (!queues.TryGetValue(key, out var queue))
        {
            queues[key] = queue = new Queue<DateTimeOffset>();
        }

        return queue;
    }

    /// <summary>Seconds to wait before one more send fits in the window; 0 when it fits now.</summary>
    private static int Wait(Queue<DateTimeOffset> sent, int count, TimeSpan window, DateTimeOffset now)
    {
        while (sent.Count > 0 && sent.Peek() + window <= now)
        {
            sent.Dequeue();
        }

        return sent.Count < count ? 0 : Math.Max(1, (int)Math.Ceiling((sent.Peek() + window - now).TotalSeconds));
    }
}
