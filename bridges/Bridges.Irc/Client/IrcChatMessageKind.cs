namespace Bridges.Irc.Client;

/// <summary>What kind of conversational message an <see cref="IrcChatMessage"/> is.</summary>
internal enum IrcChatMessageKind
{
    Privmsg,
    Notice,

    /// <summary>CTCP ACTION ("/me"); <see cref="IrcChatMessage.Text"/> is the action text.</summary>
    Action,

    /// <summary>TAGMSG: tags only (typing, reactions…), no text.</summary>
    TagMsg,

    /// <summary>A CTCP request other than ACTION (PRIVMSG).</summary>
    CtcpRequest,

    /// <summary>A CTCP reply (NOTICE).</summary>
    CtcpReply,
}
