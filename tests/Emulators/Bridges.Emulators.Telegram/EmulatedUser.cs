namespace Bridges.Emulators.Telegram;

/// <summary>A simulated Telegram user.</summary>
public sealed record EmulatedUser(long Id, string FirstName, string? LastName, string? Username);
