using Bridges.Core.Content;
using Bridges.Core.Network;
using Bridges.Irc.Client;

namespace Bridges.Irc.Bridge;

/// <summary>Sending Matrix content on a connection (relay or puppet), and IRC failures as the core's exceptions.</summary>
internal static class IrcSend
{
    private const int QuoteLength = 40;

    /// <summary>Sends a message as PRIVMSG, NOTICE or ACTION; the id is the first line's <c>msgid</c> (or derived).</summary>
    public static async Task<SendResult> MessageAsync(IrcNetworkContext network, IrcConnection connection, string target, BridgedContent content, string? prefix, CancellationToken ct)
    {
        var text = await TextAsync(network, content, connection, ct).ConfigureAwait(false);
        IrcTags? tags = null;
        if (content.ReplyTo is { } reply)
        {
            if (network.Recall(reply) is { } quoted && !text.StartsWith(quoted.Nick, StringComparison.OrdinalIgnoreCase))
            {
                var quote = IrcFormatting.Strip(quoted.Text).ReplaceLineEndings(" ");
                text = $"{quoted.Nick}: \"{(quote.Length > QuoteLength ? quote[..QuoteLength] + "…" : quote)}\" {text}";
            }

            tags = IrcIds.IsServerMsgId(reply) ? IrcInbound.ReplyTags(IrcTags.Empty, reply) : null;
        }

        text = prefix + text;
        var results = await GuardAsync(() => content.Kind switch
        {
            MessageKind.Notice => connection.SendNoticeAsync(target, text, tags, ct),
            MessageKind.Emote => connection.SendActionAsync(target, text, tags, ct),
            _ => connection.SendPrivmsgAsync(target, text, tags, ct),
        }).ConfigureAwait(false);
        var first = results.FirstOrDefault();
        var time = first?.Time ?? network.Host.Time.GetUtcNow();
        var id = IrcIds.Message(first?.MsgId, network.Id, network.Fold(target), time, network.Fold(connection.Nick), text);
        network.Remember(id, connection.Nick, text);
        return new SendResult(id, time);
    }

    /// <summary>
    /// The IRC lines of <paramref name="content"/>: formatted text, then a link per file. Past <c>max_lines</c> (on
    /// servers without <c>draft/multiline</c>) the whole message goes up as a text file: the first lines and its link.
    /// </summary>
    public static async Task<string> TextAsync(IrcNetworkContext network, BridgedContent content, IrcConnection? connection, CancellationToken ct)
    {
        var text = IrcHtmlWriter.ToIrc(content, network, connection);
        var lines = text.Length == 0 ? [] : text.Split('\n').ToList();
        lines.AddRange(content.Attachments.Select(a => $"{a.FileName}: {network.Connector.MediaLink(a)}"));
        var max = network.Options.MaxLines;
        if (max > 0 && lines.Count > max && connection?.IsCapabilityEnabled("draft/multiline") != true && network.Connector.Host.Media.Enabled)
        {
            var whole = IrcFormatting.Strip(string.Join('\n', lines));
            var link = await network.Connector.Host.Media.UploadAndLinkAsync(System.Text.Encoding.UTF8.GetBytes(whole), "text/plain; charset=utf-8", "message.txt", ct).ConfigureAwait(false);
            var shown = Math.Max(1, max - 1);
            lines = [.. lines.Take(shown), $"(full message, {lines.Count} lines: {link})"];
        }

        return string.Join('\n', lines);
    }

    public static async Task GuardAsync(Func<Task> action) => await GuardAsync(async () => { await action().ConfigureAwait(false); return true; }).ConfigureAwait(false);

    /// <summary>Runs an IRC call, turning its failures into what the core retries (transient) or reports (permanent).</summary>
    public static async Task<T> GuardAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (IrcCommandException e) when (e.Code is "404" or "442")
        {
            // Cannot send to / not on channel: right after a reconnect the rejoin may still be on its way, so try again.
            throw new RemoteTransientException($"Not in the channel yet: {e.Message}", e) { RetryAfter = TimeSpan.FromSeconds(1) };
        }
        catch (IrcCommandException e)
        {
            throw new RemotePermanentException($"The IRC server refused: {e.Message}", e);
        }
        catch (Exception e) when (e is IrcConnectionException or TimeoutException or ObjectDisposedException or IOException)
        {
            throw new RemoteTransientException($"IRC connection problem: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw new RemotePermanentException($"Not sendable on IRC: {e.Message}", e);
        }
    }
}
