namespace Bridges.Testing.Homeserver;

/// <summary>A spec violation the test homeserver saw.</summary>
/// <param name="Source">Who broke the spec.</param>
/// <param name="Subject">What was checked, e.g. <c>POST /_matrix/client/v3/createRoom</c> or an event type.</param>
/// <param name="Details">The individual rules broken.</param>
public sealed record SpecViolation(SpecViolationSource Source, string Subject, IReadOnlyList<SchemaViolation> Details)
{
    /// <inheritdoc />
    public override string ToString() => $"{Source} {Subject}: {string.Join("; ", Details)}";
}
