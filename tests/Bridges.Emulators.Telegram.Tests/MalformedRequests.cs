using Telegram.Bot.Requests;
using Telegram.Bot.Types;

namespace Bridges.Emulators.Telegram.Tests;

/// <summary>
/// Requests a buggy client could send through Telegram.Bot's own pipeline (its serializer and HTTP handling):
/// custom request classes, which the library supports for methods it does not wrap yet.
/// </summary>
internal sealed class SendMessageWithUnknownParameter() : RequestBase<Message>("sendMessage")
{
    public required long ChatId { get; init; }

    public required string Text { get; init; }

    public required string Colour { get; init; }
}

internal sealed class SendMessageWithBooleanChatId() : RequestBase<Message>("sendMessage")
{
    public required bool ChatId { get; init; }

    public required string Text { get; init; }
}
