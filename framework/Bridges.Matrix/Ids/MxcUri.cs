using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Bridges.Matrix.Ids;

/// <summary>A content URI <c>mxc://server/mediaId</c>.</summary>
[JsonConverter(typeof(MatrixIdJsonConverter<MxcUri>))]
public readonly record struct MxcUri : IMatrixId<MxcUri>
{
    private const string Scheme = "mxc://";

    private MxcUri(string value) => Value = value;

    /// <summary>The full URI.</summary>
    public string Value { get; }

    /// <summary>The origin server name.</summary>
    public string Server => Value[Scheme.Length..Value.IndexOf('/', Scheme.Length)];

    /// <summary>The media id on that server.</summary>
    public string MediaId => Value[(Value.IndexOf('/', Scheme.Length) + 1)..];

    /// <summary>Parses a content URI, throwing <see cref="FormatException"/> when it is not one.</summary>
    public static MxcUri Parse(string value) =>
        TryParse(value, out var id) ? id : throw new FormatException($"'{value}' is not a valid mxc URI.");

    /// <summary>Tries to parse a content URI.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, out MxcUri uri)
    {
        uri = default;
        if (value is null || !value.StartsWith(Scheme, StringComparison.Ordinal))
        {
            return false;
        }

        var slash = value.IndexOf('/', Scheme.Length);
        if (slash <= Scheme.Length || slash == value.Length - 1 || !MatrixIdSyntax.IsServerName(value.AsSpan(Scheme.Length, slash - Scheme.Length)))
        {
            return false;
        }

        foreach (var c in value.AsSpan(slash + 1))
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                return false;
            }
        }

        uri = new MxcUri(value);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
