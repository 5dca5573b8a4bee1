namespace Bridges.Emulators.Telegram;

/// <summary>A bot registered with the emulator.</summary>
/// <param name="Name">The display name (the bot user's first_name).</param>
/// <param name="Username">The username without @.</param>
/// <param name="Token">The token, <c>&lt;id&gt;:&lt;secret&gt;</c> like Telegram's.</param>
/// <param name="Id">The bot user's id.</param>
public sealed record EmulatedBot(string Name, string Username, string Token, long Id);
