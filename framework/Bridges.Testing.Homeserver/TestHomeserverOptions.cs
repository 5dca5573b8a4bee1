namespace Bridges.Testing.Homeserver;

/// <summary>Settings of a <see cref="TestHomeserver"/>.</summary>
public sealed class TestHomeserverOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 (the default) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>The server name in user ids, room ids and aliases. Default <c>localhost</c>.</summary>
    public string ServerName { get; set; } = "localhost";

    /// <summary>Appservices registered at start (more can be added with <see cref="TestHomeserver.AddAppService"/>).</summary>
    public IList<AppServiceRegistration> AppServices { get; } = [];

    /// <summary>
    /// Whether <see cref="TestHomeserver.DisposeAsync"/> throws a <see cref="SpecViolationException"/> when spec
    /// violations were recorded. Default true.
    /// </summary>
    public bool FailOnSpecViolation { get; set; } = true;

    /// <summary>Whether the homeserver checks its own JSON responses against the spec (default true).</summary>
    public bool ValidateResponses { get; set; } = true;

    /// <summary>Whether password registration (with the <c>m.login.dummy</c> UIA stage) is open. Default true.</summary>
    public bool EnableOpenRegistration { get; set; } = true;

    /// <summary>Largest accepted upload, <c>m.upload.size</c>. Default 50 MiB.</summary>
    public long MaxUploadBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Room version for <c>createRoom</c> without <c>room_version</c>. Default <c>10</c>, like Synapse.</summary>
    public string DefaultRoomVersion { get; set; } = "10";

    /// <summary>Delay before the first retry of a failed transaction push; doubles per attempt. Default 100 ms.</summary>
    public TimeSpan AppServiceRetryInitialDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Upper bound of the transaction retry delay. Default 5 s.</summary>
    public TimeSpan AppServiceRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Timeout of one request to an appservice (push, query, ping). Default 30 s.</summary>
    public TimeSpan AppServiceRequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most events (and, separately, ephemeral events) in one transaction. Default 100.</summary>
    public int MaxEventsPerTransaction { get; set; } = 100;

    /// <summary>
    /// How long a client transaction id is remembered (Synapse: 30 to 60 minutes); a PUT repeated later acts again.
    /// Default 30 minutes.
    /// </summary>
    public TimeSpan TransactionLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Clock for timestamps, typing timeouts, long-poll and retry delays.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Validator to use; default <see cref="MatrixSpecValidator.Shared"/>.</summary>
    public MatrixSpecValidator? Validator { get; set; }

    /// <summary>Called for every violation as it is recorded (e.g. to log it).</summary>
    public Action<SpecViolation>? OnSpecViolation { get; set; }
}
