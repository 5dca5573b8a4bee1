namespace Bridges.Discord.Api;

/// <summary>Discord refused a request (a 4xx other than 429): the status, Discord's JSON error code and its message.</summary>
internal sealed class DiscordApiException(int status, int code, string message) : Exception($"Discord answered {status} ({code}): {message}")
{
    public int Status { get; } = status;

    /// <summary>The JSON error code from the docs' table (10008 Unknown Message, 50013 Missing Permissions, …).</summary>
    public int Code { get; } = code;
}
