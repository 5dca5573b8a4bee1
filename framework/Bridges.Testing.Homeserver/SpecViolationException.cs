namespace Bridges.Testing.Homeserver;

/// <summary>Thrown when the test homeserver saw traffic that breaks the Matrix spec.</summary>
public sealed class SpecViolationException : Exception
{
    /// <summary>Creates the exception for the given violations.</summary>
    public SpecViolationException(IReadOnlyList<SpecViolation> violations)
        : base($"{violations.Count} Matrix spec violation(s):\n" + string.Join("\n", violations.Select(v => "  " + v)))
    {
        Violations = violations;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public SpecViolationException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public SpecViolationException(string message)
        : base(message)
    {
        Violations = [];
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public SpecViolationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Violations = [];
    }

    /// <summary>The violations seen.</summary>
    public IReadOnlyList<SpecViolation> Violations { get; }
}
