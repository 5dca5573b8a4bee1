using System.Text.Json;

namespace Bridges.Emulators.Telegram;

/// <summary>The outcome of <see cref="BotApiSpec.ValidateRequest(string, IReadOnlyDictionary{string, BotApiParameter})"/>.</summary>
/// <param name="Method">The method with its canonical casing, or null if the name is unknown.</param>
/// <param name="Errors">Every problem found; empty when the request is valid.</param>
/// <param name="Values">The parameters after coercion to their declared types (uploaded files appear as the
/// string <c>attach://&lt;part name&gt;</c>). Parameters that failed validation are left out.</param>
public sealed record BotApiRequestValidation(
    BotApiMethod? Method,
    IReadOnlyList<string> Errors,
    IReadOnlyDictionary<string, JsonElement> Values)
{
    /// <summary>True when no error was found.</summary>
    public bool IsValid => Errors.Count == 0;
}
