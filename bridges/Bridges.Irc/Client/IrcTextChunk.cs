namespace Bridges.Irc.Client;

/// <summary>One piece of a split text.</summary>
/// <param name="Text">Text of the piece (no CR, LF or NUL).</param>
/// <param name="IsContinuation">True when the piece continues the previous one (a long line was split here),
/// false when it starts a new line of the original text. Maps to <c>draft/multiline-concat</c>.</param>
internal readonly record struct IrcTextChunk(string Text, bool IsContinuation);
