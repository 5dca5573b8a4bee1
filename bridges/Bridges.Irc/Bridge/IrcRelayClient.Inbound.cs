using Bridges.Core.Content;
using Bridges.Core.Network;
using Bridges.Irc.Client;

namespace Bridges.Irc.Bridge;

/// <summary>Channel traffic as the relay bot sees it, turned into remote events (our own puppets' doings skipped).</summary>
internal sealed partial class IrcRelayClient
{
    private IrcQuitDebouncer? _quits;

    private IrcQuitDebouncer Quits => _quits ??= new IrcQuitDebouncer(network, From);

    private EventSender From(string nick) => new(network.UserId(nick), Login: Login.Id);

    private void Wire(IrcConnection connection, bool attach)
    {
        if (attach)
        {
            connection.ChatMessageReceived += OnChat;
            connection.MessageReceived += OnMessage;
        }
        else
        {
            connection.ChatMessageReceived -= OnChat;
            connection.MessageReceived -= OnMessage;
        }
    }

    private void OnChat(object? sender, IrcChatMessageEventArgs e)
    {
        var m = e.Message;
        var connection = sender as IrcConnection;
        if (!IsBridged(connection, m))
        {
            return;
        }

        network.SeeNick(m.Source.Nick);
        var portal = IrcIds.Channel(network.Id, network.Fold(m.Target));
        if (IrcInbound.FromTags(portal, From(m.Source.Nick), m) is { } tagEvent)
        {
            network.Push(tagEvent);
            return;
        }

        if (ToMessage(connection, m) is { } message)
        {
            network.Push(message);
        }
    }

    /// <summary>
    /// Whether a channel line is someone else's, for Matrix. Status messages (@#chan) are for ops only; echoes and our
    /// puppets' lines came from Matrix in the first place. A labeled line answers a command of ours (labeled-response),
    /// and RELAYMSG echoes are Matrix messages too.
    /// </summary>
    private bool IsBridged(IrcConnection? connection, IrcChatMessage m) =>
        m.IsChannel && !m.IsEcho && m.StatusPrefix is null && !m.Source.IsServer && !network.IsOwnNick(m.Source.Nick)
        && m.Kind is not (IrcChatMessageKind.CtcpRequest or IrcChatMessageKind.CtcpReply) && !m.Tags.ContainsKey("label")
        && !(connection is not null && IsOwnRelayedLine(connection, m));

    /// <summary>A PRIVMSG, NOTICE or ACTION as a remote message (live or from history); null for a TAGMSG.</summary>
    private RemoteMessage? ToMessage(IrcConnection? connection, IrcChatMessage m)
    {
        if (m.Kind == IrcChatMessageKind.TagMsg)
        {
            return null;
        }

        var channel = network.Fold(m.Target);
        var kind = m.Kind switch { IrcChatMessageKind.Notice => MessageKind.Notice, IrcChatMessageKind.Action => MessageKind.Emote, _ => MessageKind.Text };
        var state = connection?.GetChannel(m.Target);
        var content = IrcText.ToContent(m.Text, kind, word => Mention(state, word));
        return IrcInbound.Message(network, IrcIds.Channel(network.Id, channel), From(m.Source.Nick), m, content, channel);
    }

    /// <summary>
    /// A channel member named in a message, as a remote user: a ghost, or one of our puppets, which the core turns
    /// into a mention (pill and <c>m.mentions</c>) of the Matrix user behind it. The relay bot is never a mention.
    /// </summary>
    private IrcMention? Mention(IrcChannelState? state, string word)
    {
        if (state is null || !state.TryGetMember(word, out var member))
        {
            return null;
        }

        return network.PuppetByNick(word) is not null || !network.IsOwnNick(word) ? new IrcMention(network.UserId(member!.Nick), member.Nick) : null;
    }

    private void OnMessage(object? sender, IrcMessageEventArgs e)
    {
        var msg = e.Message;
        if (sender is not IrcConnection connection)
        {
            return;
        }

        if (msg.Command == IrcCommands.RplISupport)
        {
            network.LearnISupport(connection.ISupport);
            return;
        }

        if (msg.Command == IrcCommands.RplEndOfNames && msg.Param(1) is { } joined && connection.GetChannel(joined) is { NamesComplete: true })
        {
            // Our own join completed (start, rejoin after a reconnect, a new portal): sync members and topic.
            network.Push(new RemoteChatInfoChanged(IrcIds.Channel(network.Id, network.Fold(joined)), From(connection.Nick), network.Host.Time.GetUtcNow(), ChannelInfo(connection, joined)));
            return;
        }

        if (msg.Source is not { } source)
        {
            return;
        }

        var nick = IrcSource.Parse(source).Nick;
        var time = msg.ServerTime ?? network.Host.Time.GetUtcNow();
        if (network.IsOwnNick(nick) && msg.Command != IrcCommands.Kick)
        {
            return;
        }

        network.SeeNick(nick);
        var channel = msg.Param(0) is { } p && network.IsChannel(p) ? p : null;
        var portal = channel is null ? default : IrcIds.Channel(network.Id, network.Fold(channel));
        switch (msg.Command)
        {
            case IrcCommands.Join when channel is not null && !Quits.Rejoined(nick, channel):
                network.Push(new RemoteMembership(portal, From(nick), time, network.UserId(nick), MembershipChange.Join));
                if (network.Options.QuitAsPresence)
                {
                    network.Push(new RemotePresence(portal, From(nick), time, RemotePresenceState.Online));
                }

                break;
            case IrcCommands.Part when channel is not null:
                network.Push(new RemoteMembership(portal, From(nick), time, network.UserId(nick), MembershipChange.Leave, msg.Param(1)));
                break;
            case IrcCommands.Kick when channel is not null && msg.Param(1) is { } kicked:
                OnKick(connection, portal, channel, nick, kicked, msg.Param(2), time);
                break;
            case IrcCommands.Quit when network.Options.QuitAsPresence && e.SharedChannels.Count > 0:
                network.Push(new RemotePresence(IrcIds.Channel(network.Id, network.Fold(e.SharedChannels[0])), From(nick), time, RemotePresenceState.Offline, msg.Param(0)));
                break;
            case IrcCommands.Quit:
                Quits.Quit(nick, e.SharedChannels, msg.Param(0), time);
                break;
            case IrcCommands.Away when connection.Channels.FirstOrDefault(c => c.TryGetMember(nick, out _)) is { } shared:
                // away-notify: AWAY with a text is away, without one is back.
                network.Push(new RemotePresence(IrcIds.Channel(network.Id, network.Fold(shared.Name)), From(nick), time,
                    msg.Param(0) is { Length: > 0 } ? RemotePresenceState.Unavailable : RemotePresenceState.Online, msg.Param(0)));
                break;
            case IrcCommands.Nick when msg.Param(0) is { } renamed && !network.IsOwnNick(renamed):
                OnNick(connection, nick, renamed, time);
                break;
            case IrcCommands.Mode when channel is not null && msg.Params.Count > 1:
                OnMode(connection, portal, channel, nick, msg, time);
                break;
            case IrcCommands.Redact when channel is not null && IrcInbound.Redaction(portal, From(nick), msg, time) is { } redaction:
                network.Push(redaction);
                break;
            case IrcCommands.Topic when channel is not null:
                network.Push(new RemoteChatInfoChanged(portal, From(nick), time, new ChatInfo { Topic = msg.Param(1) ?? string.Empty }));
                break;
        }
    }

    private void OnKick(IrcConnection connection, Core.Network.Ids.PortalKey portal, string channel, string kicker, string kicked, string? reason, DateTimeOffset time)
    {
        if (connection.ISupport.CaseMapping.Equals(kicked, connection.Nick))
        {
            // The relay must read the channel: back in at once (fails, and says so, when banned).
            _ = IrcSend.GuardAsync(() => connection.JoinAsync(channel, null, CancellationToken.None)).ContinueWith(
                t => Log.JoinFailed(network.Logger, network.Id, channel, t.Exception?.InnerException?.Message ?? "kicked"), CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return;
        }

        // A kick our puppet made came from Matrix; a kick of a puppet leaves the Matrix user where they are.
        if (!network.IsOwnNick(kicker) && !network.IsOwnNick(kicked))
        {
            network.Push(new RemoteMembership(portal, From(kicker), time, network.UserId(kicked), MembershipChange.Kick, reason));
        }
    }

    /// <summary>Same nick in another case: the ghost's display name changes; another nick is another ghost (leave + join).</summary>
    private void OnNick(IrcConnection connection, string old, string renamed, DateTimeOffset time)
    {
        network.SeeNick(renamed);
        var channels = connection.Channels.Where(c => c.TryGetMember(renamed, out _)).Select(c => IrcIds.Channel(network.Id, network.Fold(c.Name))).ToList();
        if (network.Fold(old) == network.Fold(renamed))
        {
            if (channels.Count > 0)
            {
                network.Push(new RemoteUserInfoChanged(channels[0], From(renamed), time, new UserInfo { DisplayName = renamed }));
            }

            return;
        }

        foreach (var portal in channels)
        {
            network.Push(new RemoteMembership(portal, From(old), time, network.UserId(old), MembershipChange.Leave, $"Now known as {renamed}"));
            network.Push(new RemoteMembership(portal, From(renamed), time, network.UserId(renamed), MembershipChange.Join));
        }
    }

    /// <summary>Membership modes (+o, +h, +v, ...) as the member's new power level; list modes such as bans are skipped.</summary>
    private void OnMode(IrcConnection connection, Core.Network.Ids.PortalKey portal, string channel, string setter, IrcMessage msg, DateTimeOffset time)
    {
        var isupport = connection.ISupport;
        var affected = new List<string>();
        var add = true;
        var arg = 2;
        foreach (var mode in msg.Params[1])
        {
            if (mode is '+' or '-')
            {
                add = mode == '+';
            }
            else if (isupport.PrefixModes.Contains(mode, StringComparison.Ordinal))
            {
                if (msg.Param(arg++) is { } target && !network.IsOwnNick(target))
                {
                    affected.Add(target);
                }
            }
            else if (isupport.ChanModesA.Contains(mode, StringComparison.Ordinal) || isupport.ChanModesB.Contains(mode, StringComparison.Ordinal)
                || add && isupport.ChanModesC.Contains(mode, StringComparison.Ordinal))
            {
                arg++;
            }
        }

        var state = connection.GetChannel(channel);
        foreach (var target in affected.Distinct(isupport.CaseMapping))
        {
            var level = state is not null && state.TryGetMember(target, out var member) ? network.LevelOf(member!.Prefixes) : 0;
            network.Push(new RemotePowerLevelChanged(portal, From(setter), time, network.UserId(target), level));
        }
    }
}
