using System.Globalization;
using Bridges.Core.Network;

namespace Bridges.Telegram.Bridge;

/// <summary>
/// The Telegram messages already sent for one outgoing Matrix event, kept in the plugin store
/// (<c>sending:&lt;event id&gt;</c> → <c>message_id@unix_seconds;…</c>) until the whole send is done.
/// </summary>
internal sealed class SendProgress
{
    private readonly IPluginKeyValueStore _store;
    private readonly string _key;
    private readonly List<(int MessageId, DateTimeOffset Date)> _sent;

    private SendProgress(IPluginKeyValueStore store, string key, List<(int, DateTimeOffset)> sent)
    {
        _store = store;
        _key = key;
        _sent = sent;
    }

    /// <summary>Parts sent so far.</summary>
    public int Count => _sent.Count;

    /// <summary>The first part, which stands for the message (replies, edits, deletions).</summary>
    public (int MessageId, DateTimeOffset Date)? First => _sent.Count > 0 ? _sent[0] : null;

    public static async Task<SendProgress> LoadAsync(IPluginKeyValueStore store, string echoToken, CancellationToken ct)
    {
        var key = "sending:" + echoToken;
        var stored = await store.GetAsync(key, ct).ConfigureAwait(false);
        var sent = new List<(int, DateTimeOffset)>();
        foreach (var entry in (stored ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = entry.IndexOf('@', StringComparison.Ordinal);
            if (at > 0 && int.TryParse(entry.AsSpan(0, at), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && long.TryParse(entry.AsSpan(at + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
            {
                sent.Add((id, DateTimeOffset.FromUnixTimeSeconds(seconds)));
            }
        }

        return new SendProgress(store, key, sent);
    }

    /// <summary>Records a sent part before the next one goes out.</summary>
    public async Task AddAsync(int messageId, DateTimeOffset date, CancellationToken ct)
    {
        _sent.Add((messageId, date));
        var value = string.Join(';', _sent.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.MessageId}@{s.Date.ToUnixTimeSeconds()}")));
        await _store.SetAsync(_key, value, ct).ConfigureAwait(false);
    }

    /// <summary>Forgets the event once its send is over.</summary>
    public Task ClearAsync(CancellationToken ct) => _sent.Count == 0 ? Task.CompletedTask : _store.SetAsync(_key, null, ct);
}
