namespace Bridges.Irc.Client;

/// <summary>SASL authentication failed or was required but unavailable. Never carries the password.</summary>
internal sealed class IrcAuthenticationException : Exception
{
    public IrcAuthenticationException()
    {
    }

    public IrcAuthenticationException(string message)
        : base(message)
    {
    }

    public IrcAuthenticationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public IrcAuthenticationException(string message, string? numeric)
        : base(message)
    {
        Numeric = numeric;
    }

    /// <summary>The numeric that reported the failure (904, 905…), when there was one.</summary>
    public string? Numeric { get; }
}
