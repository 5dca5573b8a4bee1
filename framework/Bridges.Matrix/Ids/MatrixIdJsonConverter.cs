using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bridges.Matrix.Ids;

/// <summary>Reads and writes a Matrix identifier as its plain string form.</summary>
public sealed class MatrixIdJsonConverter<T> : JsonConverter<T> where T : struct, IMatrixId<T>
{
    /// <inheritdoc />
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? throw new JsonException($"{typeof(T).Name} must be a string.");
        try
        {
            return T.Parse(text);
        }
        catch (FormatException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
