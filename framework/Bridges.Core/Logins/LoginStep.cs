namespace Bridges.Core.Logins;

/// <summary>Where a login process stands.</summary>
public abstract record LoginStep(string Instructions)
{
    /// <summary>The user must provide these fields.</summary>
    public sealed record UserInput(string Instructions, IReadOnlyList<LoginField> Fields) : LoginStep(Instructions);

    /// <summary>Show a code (or QR payload) and wait; submit an empty input to poll.</summary>
    public sealed record DisplayAndWait(string Instructions, string Code) : LoginStep(Instructions);

    /// <summary>Done: the login exists.</summary>
    public sealed record Complete(string Instructions, UserLogin Login) : LoginStep(Instructions);
}
