namespace Bridges.Testing.Homeserver;

/// <summary>The outcome of checking a request, response or event against the Matrix spec.</summary>
public sealed class SpecValidationResult
{
    internal SpecValidationResult(string? operationId, IReadOnlyList<SchemaViolation> violations)
    {
        OperationId = operationId;
        Violations = violations;
    }

    /// <summary>The spec's <c>operationId</c> (or schema file) checked against, or null when none was found.</summary>
    public string? OperationId { get; }

    /// <summary>Every rule broken; empty when valid.</summary>
    public IReadOnlyList<SchemaViolation> Violations { get; }

    /// <summary>True when nothing was broken.</summary>
    public bool IsValid => Violations.Count == 0;

    /// <summary>True when the method and path name no operation of the spec.</summary>
    public bool IsUnknownEndpoint => Violations.Any(v => v.Rule == MatrixSpecValidator.UnknownEndpointRule);

    /// <summary>True when the path exists in the spec but not with this method.</summary>
    public bool IsMethodNotAllowed => Violations.Any(v => v.Rule == MatrixSpecValidator.MethodNotAllowedRule);

    /// <inheritdoc />
    public override string ToString() => IsValid
        ? $"valid ({OperationId})"
        : $"{OperationId ?? "unknown"}: {string.Join("; ", Violations)}";
}
