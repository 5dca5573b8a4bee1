namespace Bridges.Emulators.Telegram;

/// <summary>Which side broke the Bot API description.</summary>
public enum SpecViolationKind
{
    /// <summary>A client request did not match the method's parameters (or named no known method).</summary>
    Request,

    /// <summary>An object the emulator returned or pushed did not match its type: a bug in the emulator.</summary>
    Response,

    /// <summary>A valid method the emulator does not implement was called.</summary>
    Unsupported,
}
