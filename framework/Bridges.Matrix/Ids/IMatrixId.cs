namespace Bridges.Matrix.Ids;

/// <summary>A Matrix identifier with a sigil, parseable from its string form.</summary>
public interface IMatrixId<TSelf> where TSelf : struct, IMatrixId<TSelf>
{
    /// <summary>The full identifier.</summary>
    string Value { get; }

    /// <summary>Parses the identifier, throwing <see cref="FormatException"/> when invalid.</summary>
    static abstract TSelf Parse(string value);
}
