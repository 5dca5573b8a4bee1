namespace Bridges.Emulators.Telegram;

/// <summary>A Bot API method as <c>api.json</c> describes it.</summary>
/// <param name="Name">The method name with Telegram's casing, e.g. <c>sendMessage</c>.</param>
/// <param name="Returns">The types the result may have (more than one is a union, e.g. <c>Message</c> or
/// <c>Boolean</c>).</param>
/// <param name="Fields">The parameters.</param>
public sealed record BotApiMethod(string Name, IReadOnlyList<string> Returns, IReadOnlyList<BotApiField> Fields)
{
    /// <summary>The parameter with this name, or null.</summary>
    public BotApiField? FindField(string name) => Fields.FirstOrDefault(f => f.Name == name);
}
