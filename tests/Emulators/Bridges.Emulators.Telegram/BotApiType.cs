namespace Bridges.Emulators.Telegram;

/// <summary>A Bot API object type as <c>api.json</c> describes it.</summary>
/// <param name="Name">The type name, e.g. <c>Message</c>.</param>
/// <param name="Fields">The fields; empty for unions and for types that carry no information.</param>
/// <param name="Subtypes">For unions (<c>ChatMember</c>, <c>ReactionType</c>, …) the type expressions a value may
/// match; otherwise empty.</param>
public sealed record BotApiType(string Name, IReadOnlyList<BotApiField> Fields, IReadOnlyList<string> Subtypes)
{
    /// <summary>The field with this name, or null.</summary>
    public BotApiField? FindField(string name) => Fields.FirstOrDefault(f => f.Name == name);
}
