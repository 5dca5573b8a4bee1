using Microsoft.Extensions.Logging;

namespace Bridges.Core.Backfill;

// Core's backfill events: 2101–2119 (2100 is public media's).
internal static partial class Log
{
    [LoggerMessage(EventId = 2101, Level = LogLevel.Information,
        Message = "Backfilled {PortalKey} ({Reason}): {Fetched} fetched, {Bridged} bridged, {Skipped} already there, {Failed} failed")]
    public static partial void Backfilled(ILogger logger, string portalKey, string reason, int fetched, int bridged, int skipped, int failed);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Backfill of {PortalKey} ({Reason}) failed")]
    public static partial void BackfillFailed(ILogger logger, Exception exception, string portalKey, string reason);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Backfilled message {RemoteMessageId} in {PortalKey} could not be bridged")]
    public static partial void MessageFailed(ILogger logger, Exception exception, string remoteMessageId, string portalKey);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Debug, Message = "No connected client can read the history of {PortalKey} ({Reason})")]
    public static partial void NoHistory(ILogger logger, string portalKey, string reason);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Warning, Message = "Backfill of {PortalKey} returned message {RemoteMessageId} of another chat; skipped")]
    public static partial void ForeignMessage(ILogger logger, string portalKey, string remoteMessageId);
}
