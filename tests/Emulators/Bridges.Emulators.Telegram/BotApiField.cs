namespace Bridges.Emulators.Telegram;

/// <summary>One parameter of a Bot API method, or one field of a Bot API type, as <c>api.json</c> describes it.</summary>
/// <param name="Name">The wire name, e.g. <c>chat_id</c>.</param>
/// <param name="Types">The allowed types: <c>Integer</c>, <c>String</c>, <c>Boolean</c>, <c>Float</c>,
/// <c>InputFile</c>, <c>Array of X</c> or a type name. More than one entry is a union.</param>
/// <param name="Required">Whether the value must be present.</param>
/// <param name="Description">The documentation text.</param>
/// <param name="AllowedValues">For string fields whose description fixes the value (<c>always "creator"</c>,
/// <c>must be photo</c>) or lists the choices (<c>can be either "private", "group" …</c>): those values;
/// otherwise null.</param>
public sealed record BotApiField(
    string Name,
    IReadOnlyList<string> Types,
    bool Required,
    string Description,
    IReadOnlyList<string>? AllowedValues);
