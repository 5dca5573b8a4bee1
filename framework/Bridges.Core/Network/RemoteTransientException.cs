namespace Bridges.Core.Network;

/// <summary>A send failed for a reason that may pass (disconnected, rate-limited); the core retries.</summary>
public sealed class RemoteTransientException : Exception
{
    public RemoteTransientException()
    {
    }

    public RemoteTransientException(string message)
        : base(message)
    {
    }

    public RemoteTransientException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>How long the network asked us to wait, when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
