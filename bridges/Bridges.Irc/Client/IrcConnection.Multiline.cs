using System.Globalization;
using System.Text;

namespace Bridges.Irc.Client;

/// <summary>Sending <c>draft/multiline</c> batches (multiline.md) when the server offers them.</summary>
internal sealed partial class IrcConnection
{
    private const string MultilineCap = "draft/multiline";
    private const string ConcatTag = "draft/multiline-concat";

    private bool UseMultiline(IReadOnlyList<IrcTextChunk> chunks)
    {
        // Without labeled-response an echoed batch could not be tied to this call, so plain lines are used then.
        return chunks.Count > 1
            && IsCapabilityEnabled(MultilineCap) && IsCapabilityEnabled("batch")
            && (IsCapabilityEnabled("labeled-response") || !IsCapabilityEnabled("echo-message"))
            && chunks.Any(c => c.Text.Length > 0);
    }

    private (int MaxBytes, int MaxLines) MultilineLimits()
    {
        var maxBytes = 4096;
        var maxLines = 100;
        string? value;
        lock (_sync)
        {
            value = _offeredCaps?.GetValueOrDefault(MultilineCap);
        }

        foreach (var token in (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = token.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0 || !int.TryParse(token.AsSpan(eq + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
            {
                continue;
            }

            switch (token[..eq])
            {
                case "max-bytes": maxBytes = n; break;
                case "max-lines": maxLines = n; break;
            }
        }

        return (maxBytes, maxLines);
    }

    private async Task<IReadOnlyList<IrcSendResult>> SendMultilineAsync(string command, string target, IReadOnlyList<IrcTextChunk> chunks, IrcTags? clientTags, CancellationToken ct)
    {
        // Leading/trailing blank lines carry nothing; blank lines inside are kept (the spec allows them).
        var first = 0;
        var last = chunks.Count - 1;
        while (first <= last && chunks[first].Text.Length == 0)
        {
            first++;
        }

        while (last >= first && chunks[last].Text.Length == 0)
        {
            last--;
        }

        var (maxBytes, maxLines) = MultilineLimits();
        var groups = new List<List<IrcTextChunk>>();
        var current = new List<IrcTextChunk>();
        var bytes = 0;
        for (var i = first; i <= last; i++)
        {
            var c = chunks[i];
            var cost = Encoding.UTF8.GetByteCount(c.Text) + (current.Count > 0 && !c.IsContinuation ? 1 : 0);
            if (current.Count > 0 && (current.Count + 1 > maxLines || bytes + cost > maxBytes))
            {
                groups.Add(current);
                current = [];
                bytes = 0;
                cost = Encoding.UTF8.GetByteCount(c.Text);
            }

            current.Add(current.Count == 0 ? c with { IsContinuation = false } : c);
            bytes += cost;
        }

        if (current.Count > 0)
        {
            groups.Add(current);
        }

        var results = new List<IrcSendResult>(groups.Count);
        foreach (var group in groups)
        {
            results.Add(await SendMultilineBatchAsync(command, target, group, clientTags, ct).ConfigureAwait(false));
        }

        return results;
    }

    private async Task<IrcSendResult> SendMultilineBatchAsync(string command, string target, List<IrcTextChunk> group, IrcTags? clientTags, CancellationToken ct)
    {
        var reference = NextBatchRef();
        var labeled = IsCapabilityEnabled("labeled-response");
        var label = labeled ? NextLabel() : null;

        // Client-only tags belong on the BATCH opener; lines carry only batch and concat tags (multiline.md).
        var openerTags = IsCapabilityEnabled("message-tags") ? clientTags ?? IrcTags.Empty : IrcTags.Empty;
        if (label is not null)
        {
            openerTags = openerTags.With("label", label);
        }

        var lines = new List<IrcOutgoingLine>(group.Count + 2)
        {
            CreateLine(new IrcMessage(openerTags, null, IrcCommands.Batch, "+" + reference, MultilineCap, target), false),
        };
        var text = new StringBuilder();
        var batchTag = IrcTags.Empty.With("batch", reference);
        foreach (var chunk in group)
        {
            if (text.Length > 0 || lines.Count > 1)
            {
                text.Append(chunk.IsContinuation ? string.Empty : "\n");
            }

            text.Append(chunk.Text);
            var tags = chunk.IsContinuation ? batchTag.With(ConcatTag, null) : batchTag;
            lines.Add(CreateLine(new IrcMessage(tags, null, command, target, chunk.Text), false));
        }

        lines.Add(CreateLine(new IrcMessage(IrcCommands.Batch, "-" + reference), false));
        LabelWaiter? waiter = label is null ? null : new LabelWaiter(label, lines[0]);
        lock (_sync)
        {
            if (waiter is not null)
            {
                (_labelWaiters ??= new Dictionary<string, LabelWaiter>(StringComparer.Ordinal))[waiter.Label] = waiter;
                ReleaseInboundGateLocked();
            }

            _queue.EnqueueRange(lines, priority: false);
        }

        if (waiter is null)
        {
            await lines[^1].Written.Task.WaitAsync(ct).ConfigureAwait(false);
            return new IrcSendResult(text.ToString(), null, null, null);
        }

        await lines[^1].Written.Task.WaitAsync(ct).ConfigureAwait(false);
        return ToSendResult(text.ToString(), await AwaitLabelAsync(waiter, ct).ConfigureAwait(false));
    }
}
