namespace Bridges.Emulators.Telegram;

/// <summary>A breach of the Bot API description seen by the emulator.</summary>
/// <param name="Kind">Who broke it.</param>
/// <param name="Method">The method (or <c>webhook</c> for a pushed update).</param>
/// <param name="BotUsername">The bot involved, if known.</param>
/// <param name="Errors">Each problem, prefixed with its JSON path.</param>
public sealed record SpecViolation(SpecViolationKind Kind, string Method, string? BotUsername, IReadOnlyList<string> Errors)
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind} {Method} ({BotUsername}): {string.Join("; ", Errors)}";
}
