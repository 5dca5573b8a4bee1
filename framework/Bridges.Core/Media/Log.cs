using Microsoft.Extensions.Logging;

namespace Bridges.Core.Media;

internal static partial class Log
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Warning, Message = "Public media link for {MxcUri} could not be served")]
    public static partial void PublicMediaFailed(ILogger logger, string mxcUri, Exception exception);

    [LoggerMessage(EventId = 2110, Level = LogLevel.Warning, Message = "Inline image {ImageId} could not be uploaded; its alt text shows instead")]
    public static partial void InlineImageFailed(ILogger logger, string imageId, Exception exception);
}
