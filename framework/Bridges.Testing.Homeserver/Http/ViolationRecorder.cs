namespace Bridges.Testing.Homeserver.Http;

/// <summary>Collects spec violations from any thread.</summary>
internal sealed class ViolationRecorder(Action<SpecViolation>? callback)
{
    private readonly Lock _lock = new();
    private readonly List<SpecViolation> _violations = [];

    public IReadOnlyList<SpecViolation> Snapshot()
    {
        lock (_lock)
        {
            return [.. _violations];
        }
    }

    public void Record(SpecViolationSource source, string subject, IReadOnlyList<SchemaViolation> details)
    {
        var violation = new SpecViolation(source, subject, details);
        lock (_lock)
        {
            _violations.Add(violation);
        }

        callback?.Invoke(violation);
    }
}
