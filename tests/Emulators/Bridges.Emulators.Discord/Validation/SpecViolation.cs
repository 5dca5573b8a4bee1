namespace Bridges.Emulators.Discord.Validation;

/// <summary>One breach of the OpenAPI description: a bad request from the client, or a bad answer from the emulator.</summary>
/// <param name="Kind">Request, Response or Unsupported.</param>
/// <param name="Operation">The method and path, e.g. <c>POST /channels/{channel_id}/messages</c>.</param>
/// <param name="Detail">What was wrong, with its JSON path.</param>
public sealed record SpecViolation(SpecViolationKind Kind, string Operation, string Detail)
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind} {Operation}: {Detail}";
}
