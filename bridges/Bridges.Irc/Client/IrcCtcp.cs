namespace Bridges.Irc.Client;

/// <summary>CTCP framing (ctcp.md): <c>\x01COMMAND params\x01</c>, the closing delimiter being optional on receipt.</summary>
internal static class IrcCtcp
{
    public const char Delimiter = '\u0001';

    /// <summary>Splits a CTCP message into command (upper-cased) and parameters; false for ordinary text.</summary>
    public static bool TryParse(string text, out string command, out string parameters)
    {
        ArgumentNullException.ThrowIfNull(text);
        command = parameters = string.Empty;
        if (text.Length < 2 || text[0] != Delimiter)
        {
            return false;
        }

        var body = text.AsSpan(1);
        if (body.Length > 0 && body[^1] == Delimiter)
        {
            body = body[..^1];
        }

        var space = body.IndexOf(' ');
        command = (space < 0 ? body : body[..space]).ToString().ToUpperInvariant();
        parameters = space < 0 ? string.Empty : body[(space + 1)..].ToString();
        return command.Length > 0;
    }

    /// <summary>Builds <c>\x01COMMAND params\x01</c>; \x01 inside the parameters is removed so the frame stays intact.</summary>
    public static string Build(string command, string? parameters)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        var p = parameters?.Replace("\u0001", string.Empty, StringComparison.Ordinal);
        return string.IsNullOrEmpty(p) ? $"\u0001{command}\u0001" : $"\u0001{command} {p}\u0001";
    }
}
