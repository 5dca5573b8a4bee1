namespace Bridges.Core.Network;

/// <summary>
/// Inbound webhooks on the bridge's own listener (<c>{public url}{prefix}/_bridges/webhook/{name}</c>), for networks
/// that push updates (Telegram webhooks, Discord interactions, mail delivery hooks).
/// </summary>
public interface IWebhooks
{
    /// <summary>The public URL of webhook <paramref name="name"/>, or null when the bridge has no public URL.</summary>
    Uri? UrlFor(string name);

    /// <summary>
    /// Routes POSTs to <paramref name="name"/> to <paramref name="handler"/>, which returns the HTTP status to answer;
    /// answer 2xx only once the update is safe (pushed to the core), so the sender retries anything lost.
    /// </summary>
    void Register(string name, Func<WebhookRequest, CancellationToken, Task<int>> handler);

    /// <summary>Stops routing <paramref name="name"/>; later POSTs get 404.</summary>
    void Unregister(string name);
}
