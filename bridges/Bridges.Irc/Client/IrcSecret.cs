namespace Bridges.Irc.Client;

/// <summary>
/// A password (SASL, NickServ, server PASS) that must never reach a log: <see cref="ToString"/> and any
/// accidental formatting print <c>***</c>; only <see cref="Reveal"/> gives the value, at the point it is sent.
/// </summary>
internal sealed class IrcSecret
{
    private readonly string _value;

    public IrcSecret(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>The secret value. Call only to put it on the wire.</summary>
    public string Reveal() => _value;

    public override string ToString() => "***";
}
