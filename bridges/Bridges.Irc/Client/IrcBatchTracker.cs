namespace Bridges.Irc.Client;

/// <summary>Open batches of one session. Not thread-safe: used from the receive loop only.</summary>
internal sealed class IrcBatchTracker
{
    /// <summary>Open batches allowed at once; more are ignored rather than kept forever.</summary>
    public const int MaxOpenBatches = 256;

    private Dictionary<string, IrcBatch>? _open;

    /// <summary>Handles a BATCH line: returns the batch that a <c>-ref</c> closes, null otherwise.</summary>
    public IrcBatch? OnBatchCommand(IrcMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var reference = message.Param(0);
        if (string.IsNullOrEmpty(reference) || reference.Length < 2)
        {
            return null;
        }

        var name = reference[1..];
        if (reference[0] == '+')
        {
            _open ??= new Dictionary<string, IrcBatch>(StringComparer.Ordinal);
            if (_open.Count < MaxOpenBatches)
            {
                var ps = message.Params;
                _open[name] = new IrcBatch(name, message.Param(1) ?? string.Empty, ps.Count > 2 ? [.. ps.Skip(2)] : [], message);
            }

            return null;
        }

        if (reference[0] == '-' && _open is not null && _open.Remove(name, out var closed))
        {
            if (_open.Count == 0)
            {
                _open = null;
            }

            return closed;
        }

        return null;
    }

    /// <summary>Adds a batch-tagged message to its batch; returns that batch, or null when not in an open batch.</summary>
    public IrcBatch? Collect(IrcMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_open is null || message.BatchRef is not { } reference || !_open.TryGetValue(reference, out var batch))
        {
            return null;
        }

        batch.Add(message);
        return batch;
    }

    /// <summary>The open batch with this reference, or null.</summary>
    public IrcBatch? Get(string? reference) =>
        reference is not null && _open is not null && _open.TryGetValue(reference, out var b) ? b : null;

    /// <summary>True when <paramref name="message"/> is inside an open batch of <paramref name="type"/>, directly or nested.</summary>
    public bool IsInside(IrcMessage message, string type)
    {
        var b = Get(message?.BatchRef);
        for (var depth = 0; b is not null && depth < 16; depth++)
        {
            if (string.Equals(b.Type, type, StringComparison.Ordinal))
            {
                return true;
            }

            b = Get(b.ParentReference);
        }

        return false;
    }

    public void Clear() => _open = null;
}
