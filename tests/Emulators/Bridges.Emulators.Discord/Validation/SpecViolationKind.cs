namespace Bridges.Emulators.Discord.Validation;

/// <summary>Whose fault a <see cref="SpecViolation"/> is.</summary>
public enum SpecViolationKind
{
    /// <summary>The client sent a body or path the spec does not allow.</summary>
    Request,

    /// <summary>The emulator answered with a body the spec does not allow (an emulator bug).</summary>
    Response,

    /// <summary>The client called an operation the spec has but the emulator does not implement, or one the spec lacks.</summary>
    Unsupported,
}
