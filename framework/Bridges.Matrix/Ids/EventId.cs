using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Bridges.Matrix.Ids;

/// <summary>A Matrix event id: <c>$opaque</c> in room versions 4 and later, <c>$opaque:server</c> before.</summary>
[JsonConverter(typeof(MatrixIdJsonConverter<EventId>))]
public readonly record struct EventId : IMatrixId<EventId>
{
    private EventId(string value) => Value = value;

    /// <summary>The full identifier, sigil included.</summary>
    public string Value { get; }

    /// <summary>The sigil this kind of identifier starts with.</summary>
    public static char Sigil => '$';

    /// <summary>Parses an identifier, throwing <see cref="FormatException"/> when it is not one.</summary>
    public static EventId Parse(string value) =>
        TryParse(value, out var id) ? id : throw new FormatException($"'{value}' is not a valid {nameof(EventId)}.");

    /// <summary>Tries to parse an identifier.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, out EventId id)
    {
        if (MatrixIdSyntax.IsValid(value, Sigil, false))
        {
            id = new EventId(value);
            return true;
        }

        id = default;
        return false;
    }

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
