using Bridges.Core.Network;
using Bridges.Irc.Client;

namespace Bridges.Irc.Bridge;

/// <summary>
/// Channel history through the relay bot, where the server offers IRCv3 <c>draft/chathistory</c>. Lines get the ids
/// their live copies get (the server's msgid, else the derived one), so the core bridges each once.
/// </summary>
internal sealed partial class IrcRelayClient : IBackfiller
{
    public async Task<IReadOnlyList<RemoteMessage>?> FetchMessagesAsync(BackfillRequest request, CancellationToken ct)
    {
        if (request.Portal.Receiver is not null || !network.Connector.TryRoute(request.Portal, out var routed, out var channel) || routed != network
            || !network.IsChannel(channel))
        {
            return null;
        }

        // Waits for the connection and the join: history is only served to channel members.
        var connection = await EnsureJoinedAsync(channel, ct).ConfigureAwait(false);
        if (!connection.SupportsChatHistory)
        {
            return null;
        }

        var query = request.After is { } after ? IrcChatHistoryRequest.After(channel, after.Timestamp, request.Limit)
            : request.Before is { } before ? IrcChatHistoryRequest.Before(channel, before.Timestamp, request.Limit)
            : IrcChatHistoryRequest.Latest(channel, request.Limit);
        IReadOnlyList<IrcChatMessage> lines;
        try
        {
            lines = await connection.ChatHistoryAsync(query, ct).ConfigureAwait(false);
        }
        catch (IrcCommandException e)
        {
            Log.ChatHistoryRefused(network.Logger, network.Id, channel, e.Message);
            return null;
        }

        var messages = new List<RemoteMessage>(lines.Count);
        foreach (var line in lines)
        {
            if (IsBridged(connection, line) && ToMessage(connection, line) is { } message)
            {
                network.SeeNick(line.Source.Nick);
                messages.Add(message);
            }
        }

        return messages;
    }
}
