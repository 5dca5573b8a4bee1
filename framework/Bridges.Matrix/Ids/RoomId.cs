using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Bridges.Matrix.Ids;

/// <summary>
/// A Matrix room id: <c>!opaque:example.org</c> in room versions 1 to 11, <c>!opaque</c> (the create event's
/// reference hash, no server part) from room version 12 on.
/// </summary>
[JsonConverter(typeof(MatrixIdJsonConverter<RoomId>))]
public readonly record struct RoomId : IMatrixId<RoomId>
{
    private RoomId(string value) => Value = value;

    /// <summary>The full identifier, sigil included.</summary>
    public string Value { get; }

    /// <summary>The sigil this kind of identifier starts with.</summary>
    public static char Sigil => '!';

    /// <summary>Parses an identifier, throwing <see cref="FormatException"/> when it is not one.</summary>
    public static RoomId Parse(string value) =>
        TryParse(value, out var id) ? id : throw new FormatException($"'{value}' is not a valid {nameof(RoomId)}.");

    /// <summary>Tries to parse an identifier.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, out RoomId id)
    {
        // The server part is optional: room version 12 room ids have none, and rejecting them would drop every event of such rooms.
        if (MatrixIdSyntax.IsValid(value, Sigil, false))
        {
            id = new RoomId(value);
            return true;
        }

        id = default;
        return false;
    }

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
