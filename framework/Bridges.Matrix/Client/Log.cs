using Microsoft.Extensions.Logging;

namespace Bridges.Matrix.Client;

internal static partial class Log
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning, Message = "{Method} {Path} answered {Status}; retry {Attempt} in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string method, string path, int status, int attempt, long delayMs);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "{Method} {Path} failed with {Error}; retry {Attempt} in {DelayMs} ms")]
    public static partial void NetworkRetry(ILogger logger, string method, string path, string error, int attempt, long delayMs);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Debug, Message = "Registered {UserId}")]
    public static partial void Registered(ILogger logger, string userId);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Debug, Message = "{UserId} joined {RoomId}")]
    public static partial void Joined(ILogger logger, string userId, string roomId);
}
