namespace Bridges.Matrix.Client;

/// <summary>How the Client-Server client talks to the homeserver and retries.</summary>
public sealed class MatrixClientOptions
{
    /// <summary>Attempts after the first for 429, 5xx and network errors before giving up.</summary>
    public int MaxRetries { get; set; } = 8;

    /// <summary>First backoff for 5xx and network errors; doubled each attempt, with jitter.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Upper bound of one backoff wait (also caps a server's retry_after).</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of one HTTP attempt.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
