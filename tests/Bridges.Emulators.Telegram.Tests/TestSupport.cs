using Telegram.Bot;

namespace Bridges.Emulators.Telegram.Tests;

/// <summary>Shared setup: an emulator per test and a real Telegram.Bot client pointed at it.</summary>
internal static class TestSupport
{
    /// <summary>Generous bound for awaiting conditions; tests finish long before it when things work.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static async Task<TelegramBotApiEmulator> StartAsync(TelegramEmulatorOptions? options = null)
    {
        var emulator = new TelegramBotApiEmulator(options);
        await emulator.StartAsync();
        return emulator;
    }

    /// <summary>
    /// A Telegram.Bot client as the bridge will build it. <paramref name="retryThreshold"/> 0 turns off the client's
    /// own 429 retries so that tests see the error.
    /// </summary>
    public static TelegramBotClient Client(TelegramBotApiEmulator emulator, EmulatedBot bot, int retryThreshold = 60) =>
        new(new TelegramBotClientOptions(bot.Token, baseUrl: emulator.BaseUrl.ToString()) { RetryThreshold = retryThreshold });
}
