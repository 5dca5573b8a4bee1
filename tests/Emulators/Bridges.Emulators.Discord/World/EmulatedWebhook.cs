namespace Bridges.Emulators.Discord.World;

/// <summary>An incoming webhook of a channel.</summary>
public sealed record EmulatedWebhook(string Id, string Token, string ChannelId, string GuildId, string Name, string CreatorId);
