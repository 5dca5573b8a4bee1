using System.Text.Json;
using Bridges.Discord.Gateway;

namespace Bridges.Discord.Tests;

/// <summary>Collects the dispatches a Gateway client hands on, and wakes waiters as they come.</summary>
internal sealed class GatewayRecorder : IGatewayListener
{
    private readonly List<(string Type, JsonElement Data)> _seen = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<(string Type, JsonElement Data)> Seen
    {
        get
        {
            lock (_seen)
            {
                return [.. _seen];
            }
        }
    }

    public Task OnDispatchAsync(string type, JsonElement data, CancellationToken ct)
    {
        TaskCompletionSource previous;
        lock (_seen)
        {
            _seen.Add((type, data));
            previous = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        previous.TrySetResult();
        return Task.CompletedTask;
    }

    /// <summary>Waits for a dispatch of <paramref name="type"/> that matches; returns it.</summary>
    public async Task<JsonElement> WaitForAsync(string type, Func<JsonElement, bool>? match = null, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            Task next;
            lock (_seen)
            {
                next = _changed.Task;
                foreach (var (t, d) in _seen)
                {
                    if (t == type && (match?.Invoke(d) ?? true))
                    {
                        return d;
                    }
                }
            }

            try
            {
                await next.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Timed out waiting for a {type} dispatch.");
            }
        }
    }

    public int Count(string type) => Seen.Count(s => s.Type == type);
}
