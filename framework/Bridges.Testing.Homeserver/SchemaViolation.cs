namespace Bridges.Testing.Homeserver;

/// <summary>One rule of the Matrix spec that a JSON document breaks.</summary>
/// <param name="InstancePath">Where in the document, as a JSON path (<c>$</c> is the root, e.g. <c>$.content.msgtype</c>).</param>
/// <param name="Rule">The JSON Schema keyword (or spec rule) that failed, e.g. <c>type</c>, <c>required</c>, <c>endpoint</c>.</param>
/// <param name="Message">A human-readable explanation.</param>
public sealed record SchemaViolation(string InstancePath, string Rule, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{InstancePath}: {Message} [{Rule}]";
}
