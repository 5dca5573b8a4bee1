namespace Bridges.Core.Security;

/// <summary>
/// A password, token or other secret. Its <see cref="ToString"/> is <c>***</c>, so it cannot reach a log line or
/// an exception message by accident; read <see cref="Reveal"/> only where the secret is actually used.
/// </summary>
public sealed class Secret(string value)
{
    /// <summary>The secret itself.</summary>
    public string Reveal() => value;

    /// <summary>True when the secret is empty.</summary>
    public bool IsEmpty => value.Length == 0;

    /// <inheritdoc />
    public override string ToString() => "***";
}
