using Microsoft.Extensions.Logging;

namespace Bridges.Storage;

internal static partial class Log
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Applied migration {Source} {Version} ({Name})")]
    public static partial void Applied(ILogger logger, string source, int version, string name);
}
