using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Bridges.Matrix.Ids;

/// <summary>A Matrix room alias such as <c>#room:example.org</c>.</summary>
[JsonConverter(typeof(MatrixIdJsonConverter<RoomAlias>))]
public readonly record struct RoomAlias : IMatrixId<RoomAlias>
{
    private RoomAlias(string value) => Value = value;

    /// <summary>The full identifier, sigil included.</summary>
    public string Value { get; }

    /// <summary>The sigil this kind of identifier starts with.</summary>
    public static char Sigil => '#';

    /// <summary>Parses an identifier, throwing <see cref="FormatException"/> when it is not one.</summary>
    public static RoomAlias Parse(string value) =>
        TryParse(value, out var id) ? id : throw new FormatException($"'{value}' is not a valid {nameof(RoomAlias)}.");

    /// <summary>Tries to parse an identifier.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, out RoomAlias id)
    {
        if (MatrixIdSyntax.IsValid(value, Sigil, true))
        {
            id = new RoomAlias(value);
            return true;
        }

        id = default;
        return false;
    }

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
