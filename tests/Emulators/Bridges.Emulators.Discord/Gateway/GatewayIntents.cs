namespace Bridges.Emulators.Discord.Gateway;

/// <summary>Intent bits from the Gateway docs' list of intents.</summary>
public static class GatewayIntents
{
    public const int Guilds = 1 << 0;
    public const int GuildMembers = 1 << 1;
    public const int GuildModeration = 1 << 2;
    public const int GuildEmojisAndStickers = 1 << 3;
    public const int GuildMessages = 1 << 9;
    public const int GuildMessageReactions = 1 << 10;
    public const int GuildMessageTyping = 1 << 11;
    public const int MessageContent = 1 << 15;

    /// <summary>Intents a bot must have switched on in the developer portal (GUILD_PRESENCES is not emulated).</summary>
    public const int Privileged = GuildMembers | MessageContent;
}
