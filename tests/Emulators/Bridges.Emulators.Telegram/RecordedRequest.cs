namespace Bridges.Emulators.Telegram;

/// <summary>One Bot API call the emulator answered.</summary>
/// <param name="BotUsername">The calling bot, or null when the token was unknown.</param>
/// <param name="Method">The method name as the client wrote it.</param>
/// <param name="StatusCode">The HTTP status of the answer (200, 400, 429, …).</param>
/// <param name="Description">The error description, for failed calls.</param>
/// <param name="At">When the call arrived.</param>
public sealed record RecordedRequest(string? BotUsername, string Method, int StatusCode, string? Description, DateTimeOffset At);
