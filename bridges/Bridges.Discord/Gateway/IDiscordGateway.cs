namespace Bridges.Discord.Gateway;

/// <summary>A Gateway connection that keeps itself alive: heartbeats, resumes and re-identifies as Discord asks.</summary>
internal interface IDiscordGateway : IAsyncDisposable
{
    /// <summary>Connects and identifies; completes at READY, or throws <see cref="GatewayFatalException"/>.</summary>
    Task ConnectAsync(Uri gatewayUrl, CancellationToken ct);

    /// <summary>Closes with 1000 (ending the session) and stops reconnecting.</summary>
    Task DisconnectAsync(CancellationToken ct);

    /// <summary>Ends when the client stops; faults with <see cref="GatewayFatalException"/> on a fatal close.</summary>
    Task Completion { get; }

    /// <summary>The current session, for RESUME; null before READY or after it was invalidated.</summary>
    string? SessionId { get; }

    /// <summary>The last dispatch's sequence number.</summary>
    int? Sequence { get; }
}
