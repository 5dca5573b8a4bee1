namespace Bridges.Core.Logins;

/// <summary>A login in progress: a small state machine that both the command and the provisioning API drive.</summary>
public interface ILoginProcess : IAsyncDisposable
{
    /// <summary>The first step.</summary>
    Task<LoginStep> StartAsync(CancellationToken ct);

    /// <summary>Submits the user's input for the current step and returns the next step.</summary>
    Task<LoginStep> SubmitAsync(IReadOnlyDictionary<string, string> input, CancellationToken ct);

    /// <summary>Abandons the login.</summary>
    Task CancelAsync(CancellationToken ct);
}
