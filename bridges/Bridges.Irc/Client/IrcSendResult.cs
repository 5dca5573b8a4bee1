namespace Bridges.Irc.Client;

/// <summary>Outcome of one sent PRIVMSG/NOTICE/TAGMSG line (or multiline batch).</summary>
/// <param name="Text">Text of this line (empty for TAGMSG).</param>
/// <param name="MsgId">Server message id from the echo (echo-message + message-ids), null without echo.</param>
/// <param name="Time">Server time from the echo, null without echo.</param>
/// <param name="Echo">The echoed message (or BATCH opener for multiline), null without echo-message.</param>
internal sealed record IrcSendResult(string Text, string? MsgId, DateTimeOffset? Time, IrcMessage? Echo);
