using System.Text.Json.Nodes;

namespace Bridges.Discord.Api;

/// <summary>The REST calls the bridge makes (API v10), rate limited; Discord's refusals throw <see cref="DiscordApiException"/>.</summary>
internal interface IDiscordRestClient
{
    Task<DiscordGatewayBot> GetGatewayBotAsync(CancellationToken ct);

    Task<DiscordUser> GetCurrentUserAsync(CancellationToken ct);

    Task<DiscordChannel> GetChannelAsync(string channelId, CancellationToken ct);

    Task<IReadOnlyList<DiscordChannel>> GetGuildChannelsAsync(string guildId, CancellationToken ct);

    /// <summary>Up to <paramref name="limit"/> messages, newest first, before or after an anchor.</summary>
    Task<IReadOnlyList<DiscordMessage>> GetMessagesAsync(string channelId, string? before, string? after, int limit, CancellationToken ct);

    Task<DiscordMessage> CreateMessageAsync(string channelId, JsonObject body, CancellationToken ct);

    /// <summary>A message with files: <c>multipart/form-data</c> with <c>payload_json</c> and a <c>files[n]</c> part per file.</summary>
    Task<DiscordMessage> CreateMessageAsync(string channelId, JsonObject body, IReadOnlyList<DiscordUpload> files, CancellationToken ct);

    Task<DiscordMessage> EditMessageAsync(string channelId, string messageId, JsonObject body, CancellationToken ct);

    Task DeleteMessageAsync(string channelId, string messageId, CancellationToken ct);

    /// <summary>Adds the bot's reaction: a unicode emoji, or <c>name:id</c> for a custom one.</summary>
    Task AddReactionAsync(string channelId, string messageId, string emoji, CancellationToken ct);

    Task RemoveReactionAsync(string channelId, string messageId, string emoji, CancellationToken ct);

    Task TriggerTypingAsync(string channelId, CancellationToken ct);

    Task<DiscordWebhook> CreateWebhookAsync(string channelId, string name, CancellationToken ct);

    Task<IReadOnlyList<DiscordWebhook>> GetChannelWebhooksAsync(string channelId, CancellationToken ct);

    /// <summary>Executes a webhook with <c>?wait=true</c>, so the message comes back (its id is the bridge's mapping).</summary>
    Task<DiscordMessage> ExecuteWebhookAsync(string webhookId, string token, JsonObject body, string? threadId, CancellationToken ct);

    /// <summary>Executes a webhook with files, as <see cref="CreateMessageAsync(string, JsonObject, IReadOnlyList{DiscordUpload}, CancellationToken)"/> sends them.</summary>
    Task<DiscordMessage> ExecuteWebhookAsync(string webhookId, string token, JsonObject body, IReadOnlyList<DiscordUpload> files, string? threadId, CancellationToken ct);

    Task<DiscordMessage> EditWebhookMessageAsync(string webhookId, string token, string messageId, JsonObject body, string? threadId, CancellationToken ct);

    Task DeleteWebhookMessageAsync(string webhookId, string token, string messageId, string? threadId, CancellationToken ct);
}
