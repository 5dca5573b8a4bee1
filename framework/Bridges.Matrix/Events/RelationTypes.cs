namespace Bridges.Matrix.Events;

/// <summary><c>rel_type</c> values of <c>m.relates_to</c>.</summary>
public static class RelationTypes
{
    public const string Replace = "m.replace";
    public const string Annotation = "m.annotation";
    public const string Thread = "m.thread";
    public const string Reference = "m.reference";
}
