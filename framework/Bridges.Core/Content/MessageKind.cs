namespace Bridges.Core.Content;

/// <summary>How a text message is meant: normal, a bot's notice, or an action ("/me").</summary>
public enum MessageKind
{
    Text,
    Notice,
    Emote,
}
