using System.Diagnostics;
using System.Text.Json.Nodes;
using Bridges.Emulators.Telegram.World;

namespace Bridges.Emulators.Telegram;

/// <summary>What bots did, for tests to await and assert on.</summary>
public sealed partial class TelegramBotApiEmulator
{
    /// <summary>Everything bots did so far, in order.</summary>
    public IReadOnlyList<BotAction> BotActions
    {
        get
        {
            lock (_world.Gate)
            {
                return [.. _world.Actions];
            }
        }
    }

    /// <summary>The messages bots sent so far, in order.</summary>
    public IReadOnlyList<BotSentMessage> SentMessages => [.. BotActions.OfType<BotSentMessage>()];

    /// <summary>The first message a bot sent (already or within <paramref name="timeout"/>) that matches.</summary>
    public Task<BotSentMessage> WaitForBotMessageAsync(Func<BotSentMessage, bool> predicate, TimeSpan timeout, CancellationToken ct = default) =>
        WaitForBotActionAsync(predicate, timeout, ct);

    /// <summary>The first recorded action of type <typeparamref name="T"/> (already or within <paramref name="timeout"/>) that matches.</summary>
    /// <exception cref="TimeoutException">Nothing matched in time; the message lists what was recorded.</exception>
    public async Task<T> WaitForBotActionAsync<T>(Func<T, bool> predicate, TimeSpan timeout, CancellationToken ct = default)
        where T : BotAction
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            Task change;
            lock (_world.Gate)
            {
                change = _world.ActionsChanged.Current;
                if (_world.Actions.OfType<T>().FirstOrDefault(predicate) is { } found)
                {
                    return found;
                }
            }

            if (!await ChangeSignal.WaitAsync(change, timeout - Stopwatch.GetElapsedTime(started), ct))
            {
                throw new TimeoutException(
                    $"no matching {typeof(T).Name} within {timeout}; recorded: {string.Join("; ", BotActions)}");
            }
        }
    }

    /// <summary>Waits until <paramref name="bot"/> confirmed every queued update (by getUpdates offset or webhook 2xx).</summary>
    public async Task WaitForUpdatesConsumedAsync(EmulatedBot bot, TimeSpan timeout, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(bot);
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            Task change;
            lock (_world.Gate)
            {
                var state = Resolve(bot);
                change = state.UpdatesChanged.Current;
                if (state.Updates.Count == 0)
                {
                    return;
                }
            }

            if (!await ChangeSignal.WaitAsync(change, timeout - Stopwatch.GetElapsedTime(started), ct))
            {
                throw new TimeoutException($"{bot.Username} still has {PendingUpdates(bot).Count} unconfirmed update(s) after {timeout}");
            }
        }
    }

    /// <summary>Waits until a getUpdates call of <paramref name="bot"/> is being served (e.g. a bridge started polling).</summary>
    public async Task WaitForLongPollAsync(EmulatedBot bot, TimeSpan timeout, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(bot);
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            Task change;
            lock (_world.Gate)
            {
                var state = Resolve(bot);
                change = state.PollStarted.Current;
                if (state.ActivePoll is not null)
                {
                    return;
                }
            }

            if (!await ChangeSignal.WaitAsync(change, timeout - Stopwatch.GetElapsedTime(started), ct))
            {
                throw new TimeoutException($"{bot.Username} did not call getUpdates within {timeout}");
            }
        }
    }

    /// <summary>A message as it is now (after edits), or null if it does not exist (or was deleted).</summary>
    public JsonObject? GetMessage(EmulatedChat chat, int messageId)
    {
        lock (_world.Gate)
        {
            return (JsonObject?)Resolve(chat).Messages.GetValueOrDefault(messageId)?.Json.DeepClone();
        }
    }
}
