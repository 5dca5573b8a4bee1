namespace Bridges.Discord.Gateway;

/// <summary>Intent bits (Gateway docs, "List of Intents").</summary>
[Flags]
internal enum GatewayIntents
{
    None = 0,
    Guilds = 1 << 0,
    GuildMembers = 1 << 1,
    GuildModeration = 1 << 2,
    GuildMessages = 1 << 9,
    GuildMessageReactions = 1 << 10,
    GuildMessageTyping = 1 << 11,
    MessageContent = 1 << 15,

    /// <summary>What the bridge asks for; members and message content must be switched on for the bot in the developer portal.</summary>
    Bridge = Guilds | GuildMembers | GuildModeration | GuildMessages | GuildMessageReactions | GuildMessageTyping | MessageContent,
}
