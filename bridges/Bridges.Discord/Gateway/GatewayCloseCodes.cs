namespace Bridges.Discord.Gateway;

/// <summary>Gateway close codes (opcodes-and-status-codes topic) and what each means for reconnecting.</summary>
internal static class GatewayCloseCodes
{
    public const int AuthenticationFailed = 4004;
    public const int InvalidSeq = 4007;
    public const int SessionTimedOut = 4009;
    public const int InvalidShard = 4010;
    public const int ShardingRequired = 4011;
    public const int InvalidApiVersion = 4012;
    public const int InvalidIntents = 4013;
    public const int DisallowedIntents = 4014;

    /// <summary>Codes the docs mark "reconnect: false": trying again cannot help, so the client stops.</summary>
    public static bool IsFatal(int code) => code is AuthenticationFailed or InvalidShard or ShardingRequired or InvalidApiVersion or InvalidIntents or DisallowedIntents;

    /// <summary>Codes after which the old session cannot be resumed: identify afresh.</summary>
    public static bool EndsSession(int code) => code is InvalidSeq or SessionTimedOut or 1000 or 1001;

    /// <summary>What an operator should do about a fatal code (no secret in it).</summary>
    public static string Explain(int code) => code switch
    {
        AuthenticationFailed => "authentication failed: the bot token (bridges.discord.bot_token) is wrong or was reset",
        DisallowedIntents => "disallowed intents: switch on the Server Members and Message Content intents for the bot in the Discord developer portal",
        InvalidIntents => "invalid intents",
        InvalidApiVersion => "invalid API version",
        InvalidShard or ShardingRequired => "sharding required or invalid; the bridge runs one shard",
        _ => $"close code {code}",
    };
}
