namespace Bridges.Tests.Shared;

/// <summary>Awaits an observable condition with a timeout instead of sleeping a fixed time.</summary>
internal static class TestWait
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (!condition())
        {
            try
            {
                await Task.Delay(5, cts.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }
        }
    }

    public static async Task<T> WithTimeout<T>(this Task<T> task, string what, TimeSpan? timeout = null)
    {
        var finished = await Task.WhenAny(task, Task.Delay(timeout ?? DefaultTimeout));
        Assert.True(finished == task, $"Timed out waiting for {what}.");
        return await task;
    }

    public static async Task WithTimeout(this Task task, string what, TimeSpan? timeout = null)
    {
        var finished = await Task.WhenAny(task, Task.Delay(timeout ?? DefaultTimeout));
        Assert.True(finished == task, $"Timed out waiting for {what}.");
        await task;
    }
}
