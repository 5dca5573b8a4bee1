namespace Bridges.Matrix.Ids;

/// <summary>Grammar checks shared by the identifier types (Matrix spec, appendices: identifier grammar).</summary>
internal static class MatrixIdSyntax
{
    /// <summary>The spec caps every identifier at 255 bytes including sigil and domain.</summary>
    public const int MaxLength = 255;

    public static bool IsValid([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? value, char sigil, bool requiresServer)
    {
        if (string.IsNullOrEmpty(value) || value.Length < 2 || value.Length > MaxLength || value[0] != sigil)
        {
            return false;
        }

        foreach (var c in value)
        {
            // Control characters and whitespace never belong in an identifier.
            if (char.IsControl(c) || char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (!requiresServer && colon < 0)
        {
            return true;
        }

        // Where a server part is present (always for users and aliases, in old room versions for rooms and events) it must be one.
        return colon > 1 && IsServerName(value.AsSpan(colon + 1));
    }

    public static bool IsServerName(ReadOnlySpan<char> server)
    {
        if (server.IsEmpty)
        {
            return false;
        }

        foreach (var c in server)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':' or '[' or ']'))
            {
                return false;
            }
        }

        return true;
    }
}
