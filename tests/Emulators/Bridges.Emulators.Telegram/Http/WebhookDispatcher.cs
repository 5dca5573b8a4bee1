using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bridges.Emulators.Telegram.World;

namespace Bridges.Emulators.Telegram.Http;

/// <summary>
/// Pushes a bot's updates to its webhook, oldest first, one at a time, as JSON POSTs with the
/// <c>X-Telegram-Bot-Api-Secret-Token</c> header when a secret was set. An update leaves the queue only when the
/// receiver answers 2xx; otherwise it is retried after <see cref="TelegramEmulatorOptions.WebhookRetryDelay"/> and
/// the failure shows in getWebhookInfo. Method calls in the webhook response body are not executed.
/// </summary>
internal sealed class WebhookDispatcher(WorldState world, HttpClient http, ViolationRecorder violations, CancellationToken stopping)
{
    private readonly List<Task> _pumps = [];

    public void Start(BotState bot, WebhookState hook)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(stopping, hook.Stop.Token);
        var pump = Task.Run(async () =>
        {
            using (stop)
            {
                await PumpAsync(bot, hook, stop.Token);
            }
        }, CancellationToken.None);
        lock (_pumps)
        {
            _pumps.RemoveAll(p => p.IsCompleted);
            _pumps.Add(pump);
        }
    }

    /// <summary>Waits for every delivery loop to end (they end once the emulator's stopping token fires).</summary>
    public Task WhenStoppedAsync()
    {
        lock (_pumps)
        {
            return Task.WhenAll(_pumps);
        }
    }

    private async Task PumpAsync(BotState bot, WebhookState hook, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            JsonObject? update;
            Task change;
            lock (world.Gate)
            {
                if (bot.Webhook != hook)
                {
                    return;
                }

                change = bot.UpdatesChanged.Current;
                update = bot.Updates.FirstOrDefault();
            }

            try
            {
                if (update is null)
                {
                    await change.WaitAsync(ct);
                    continue;
                }

                var body = update.ToJsonString(ApiJson.Options);
                using (var doc = JsonDocument.Parse(body))
                {
                    violations.CheckResponse("webhook", bot, ["Update"], doc.RootElement);
                }

                var error = await PostAsync(hook, body, ct);
                lock (world.Gate)
                {
                    if (error is null)
                    {
                        bot.Updates.Remove(update);
                        bot.UpdatesChanged.Notify();
                        continue;
                    }

                    hook.LastErrorDate = world.Now;
                    hook.LastErrorMessage = error;
                }

                await Task.Delay(world.Options.WebhookRetryDelay, world.Options.TimeProvider, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Sends one update; returns null on a 2xx answer, else the error text getWebhookInfo shows.</summary>
    private async Task<string?> PostAsync(WebhookState hook, string body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, hook.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        if (hook.SecretToken is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Telegram-Bot-Api-Secret-Token", hook.SecretToken);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(world.Options.WebhookTimeout);
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            return response.IsSuccessStatusCode
                ? null
                : $"Wrong response from the webhook: {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (HttpRequestException e)
        {
            return $"Connection failed: {e.Message}";
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return "Read timeout expired";
        }
    }
}
