namespace Bridges.Irc.Client;

/// <summary>
/// One IRC client connection (a puppet or the relay bot). Event handlers run on the connection's receive
/// loop, in protocol order: they must be quick and must not block (hand work off to a queue).
/// Sends may be called from any thread; lines go out in call order, paced by the flood-control queue.
/// </summary>
internal interface IIrcConnection : IAsyncDisposable
{
    /// <summary>Raised when registration completes (first connect and every reconnect).</summary>
    event EventHandler<IrcConnectedEventArgs>? Connected;

    /// <summary>Raised when a registered session ends, or when reconnecting stops for good.</summary>
    event EventHandler<IrcDisconnectedEventArgs>? Disconnected;

    /// <summary>Every received message, after internal state (channels, nick, caps) was updated.</summary>
    event EventHandler<IrcMessageEventArgs>? MessageReceived;

    /// <summary>PRIVMSG/NOTICE/ACTION/TAGMSG/CTCP, decoded; multiline batches combined.</summary>
    event EventHandler<IrcChatMessageEventArgs>? ChatMessageReceived;

    /// <summary>A server batch (netsplit, netjoin, multiline, chathistory…) closed.</summary>
    event EventHandler<IrcBatchEventArgs>? BatchReceived;

    /// <summary>Current nick (the configured one until registration says otherwise).</summary>
    string Nick { get; }

    /// <summary>True while registered and usable.</summary>
    bool IsConnected { get; }

    /// <summary>Account we are logged into (SASL 900 / NickServ), null when not logged in.</summary>
    string? Account { get; }

    /// <summary>ISUPPORT of the current (or last) session.</summary>
    IrcISupport ISupport { get; }

    /// <summary>Capabilities enabled in the current session.</summary>
    IReadOnlyCollection<string> EnabledCapabilities { get; }

    /// <summary>Capabilities the server offers (name → value, null when none).</summary>
    IReadOnlyDictionary<string, string?> OfferedCapabilities { get; }

    /// <summary>Channels we are in (state per channel; members only with TrackChannelMembers).</summary>
    IReadOnlyList<IrcChannelState> Channels { get; }

    bool IsCapabilityEnabled(string capability);

    IrcChannelState? GetChannel(string channel);

    /// <summary>Connects and registers. Throws <see cref="IrcAuthenticationException"/> when SASL fails,
    /// <see cref="IrcConnectionException"/> for other failures. Afterwards the connection reconnects by itself.
    /// A connection is started once; make a new one after it stopped.</summary>
    Task ConnectAsync(CancellationToken ct);

    /// <summary>Sends QUIT after everything already queued, waits for the server to close, stops reconnecting.</summary>
    Task DisconnectAsync(string? quitMessage, CancellationToken ct);

    /// <summary>Queues a raw message; completes when it was written. CR/LF in parameters throw.</summary>
    Task SendAsync(IrcMessage message, CancellationToken ct);

    /// <summary>Sends with a <c>label</c> and returns the server's labeled answer (needs labeled-response).</summary>
    Task<IrcLabeledResponse> SendLabeledAsync(IrcMessage message, CancellationToken ct);

    /// <summary>PRIVMSG; newlines and over-long text become several lines (or one multiline batch).
    /// One result per line/batch, carrying msgid/time when echo-message is on.</summary>
    Task<IReadOnlyList<IrcSendResult>> SendPrivmsgAsync(string target, string text, IrcTags? clientTags, CancellationToken ct);

    Task<IReadOnlyList<IrcSendResult>> SendNoticeAsync(string target, string text, IrcTags? clientTags, CancellationToken ct);

    /// <summary>CTCP ACTION ("/me"), split like PRIVMSG.</summary>
    Task<IReadOnlyList<IrcSendResult>> SendActionAsync(string target, string text, IrcTags? clientTags, CancellationToken ct);

    /// <summary>TAGMSG with client-only tags (<c>+typing</c>, <c>+draft/react</c>, <c>+draft/reply</c>…); needs message-tags.</summary>
    Task<IrcSendResult> SendTagMsgAsync(string target, IrcTags clientTags, CancellationToken ct);

    /// <summary>Joins and waits until the server confirmed (and sent NAMES); error numerics throw <see cref="IrcCommandException"/>.</summary>
    Task JoinAsync(string channel, string? key, CancellationToken ct);

    Task PartAsync(string channel, string? reason, CancellationToken ct);

    Task KickAsync(string channel, string nick, string? reason, CancellationToken ct);

    /// <summary>MODE with a mode string and its arguments, e.g. ("#c", "+ov", ["a", "b"]).</summary>
    Task SetModeAsync(string target, string modes, IReadOnlyList<string>? arguments, CancellationToken ct);

    Task SetTopicAsync(string channel, string topic, CancellationToken ct);

    Task ChangeNickAsync(string nick, CancellationToken ct);

    /// <summary>WHOIS, aggregated; null when the nick does not exist.</summary>
    Task<IrcWhoisResult?> WhoisAsync(string nick, CancellationToken ct);

    /// <summary>REDACT (draft/message-redaction).</summary>
    Task RedactAsync(string target, string msgId, string? reason, CancellationToken ct);

    /// <summary>True when the session can query history (draft/chathistory).</summary>
    bool SupportsChatHistory { get; }

    /// <summary>CHATHISTORY (draft/chathistory): the answer's messages, oldest first; <see cref="IrcCommandException"/> on <c>FAIL</c>.</summary>
    Task<IReadOnlyList<IrcChatMessage>> ChatHistoryAsync(IrcChatHistoryRequest request, CancellationToken ct);

    /// <summary>RELAYMSG (draft/relaymsg): the relay bot speaks as a spoofed nick; completes when confirmed (labeled reply
    /// or echo, when enabled) and throws <see cref="IrcCommandException"/> on <c>FAIL RELAYMSG</c>.</summary>
    Task<IReadOnlyList<IrcSendResult>> SendRelayMsgAsync(string target, string nick, string text, CancellationToken ct);
}
