using Bridges.Irc.Client;

namespace Bridges.Irc.Tests.Support;

/// <summary>Collects chat messages and raw messages of a connection and lets a test await a condition on them.</summary>
internal sealed class ChatCollector
{
    private readonly Lock _lock = new();
    private readonly List<IrcChatMessage> _chats = [];
    private readonly List<IrcMessage> _raw = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ChatCollector(IIrcConnection connection)
    {
        connection.ChatMessageReceived += (_, e) => Add(() => _chats.Add(e.Message));
        connection.MessageReceived += (_, e) => Add(() => _raw.Add(e.Message));
    }

    public IReadOnlyList<IrcChatMessage> Chats
    {
        get { lock (_lock) { return [.. _chats]; } }
    }

    public IReadOnlyList<IrcMessage> Raw
    {
        get { lock (_lock) { return [.. _raw]; } }
    }

    /// <summary>Waits until <paramref name="condition"/> holds for the collected chat messages.</summary>
    public Task<IReadOnlyList<IrcChatMessage>> WaitForChatsAsync(Func<IReadOnlyList<IrcChatMessage>, bool> condition, string what, TimeSpan? timeout = null) =>
        WaitAsync(() => Chats, condition, what, timeout);

    public Task<IReadOnlyList<IrcMessage>> WaitForRawAsync(Func<IReadOnlyList<IrcMessage>, bool> condition, string what, TimeSpan? timeout = null) =>
        WaitAsync(() => Raw, condition, what, timeout);

    private async Task<IReadOnlyList<T>> WaitAsync<T>(Func<IReadOnlyList<T>> snapshot, Func<IReadOnlyList<T>, bool> condition, string what, TimeSpan? timeout)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                changed = _changed.Task;
            }

            var items = snapshot();
            if (condition(items))
            {
                return items;
            }

            try
            {
                await changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Timed out waiting for: {what} (have {snapshot().Count} items)");
            }
        }
    }

    private void Add(Action add)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            add();
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }
}
