using System.Globalization;

namespace Bridges.Irc.Client;

/// <summary>
/// Keeps <see cref="IrcChannelState"/> for the channels we are in, from JOIN/PART/KICK/QUIT/NICK/MODE/TOPIC,
/// NAMES (multi-prefix, userhost-in-names), 324/331/332/333 and the IRCv3 user-info updates (extended-join,
/// chghost, setname, away-notify, account-notify). With <c>trackMembers: false</c> only the channel names are
/// kept (enough to rejoin), which is what puppets that never read member lists need.
/// Mutated only by the receive loop; the channel dictionary is locked for readers on other threads.
/// </summary>
internal sealed class IrcChannelTracker
{
    private readonly Lock _lock = new();
    private readonly bool _trackMembers;
    private readonly TimeProvider _timeProvider;
    private Dictionary<string, IrcChannelState> _channels;
    private Dictionary<string, string>? _pendingKeys;
    private IrcISupport _isupport = IrcISupport.Default;

    public IrcChannelTracker(bool trackMembers, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _trackMembers = trackMembers;
        _timeProvider = timeProvider;
        _channels = new Dictionary<string, IrcChannelState>(_isupport.CaseMapping);
    }

    public IrcISupport ISupport => _isupport;

    public IReadOnlyList<IrcChannelState> Channels
    {
        get { lock (_lock) { return [.. _channels.Values]; } }
    }

    public IrcChannelState? Get(string channel)
    {
        lock (_lock)
        {
            return _channels.GetValueOrDefault(channel);
        }
    }

    public void SetISupport(IrcISupport isupport)
    {
        ArgumentNullException.ThrowIfNull(isupport);
        var remap = isupport.CaseMapping != _isupport.CaseMapping;
        _isupport = isupport;
        if (!remap)
        {
            return;
        }

        lock (_lock)
        {
            _channels = new Dictionary<string, IrcChannelState>(_channels, isupport.CaseMapping);
            foreach (var c in _channels.Values)
            {
                c.Rehash(isupport.CaseMapping);
            }
        }
    }

    /// <summary>Names of the tracked channels where <paramref name="nick"/> is a member.</summary>
    public IReadOnlyList<string> ChannelsOf(string nick) =>
        _trackMembers ? [.. Channels.Where(c => c.TryGetMember(nick, out _)).Select(c => c.Name)] : [];

    /// <summary>Remembers the key used for a JOIN we sent, so a reconnect can rejoin with it.</summary>
    public void RememberKey(string channel, string key)
    {
        lock (_lock)
        {
            (_pendingKeys ??= new Dictionary<string, string>(_isupport.CaseMapping))[channel] = key;
        }
    }

    /// <summary>Forgets all channels (at disconnect; the caller keeps the list it wants to rejoin).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _channels = new Dictionary<string, IrcChannelState>(_isupport.CaseMapping);
        }
    }

    /// <summary>Updates state for one received message. <paramref name="ownNick"/> is our nick before the message.</summary>
    public void Apply(IrcMessage msg, string ownNick)
    {
        ArgumentNullException.ThrowIfNull(msg);
        var cm = _isupport.CaseMapping;
        var src = msg.Source is null ? default : IrcSource.Parse(msg.Source);
        var isSelf = src.Nick is not null && cm.Equals(src.Nick, ownNick);
        switch (msg.Command)
        {
            case IrcCommands.Join when src.Nick is not null && msg.Param(0) is { } channel:
                OnJoin(msg, src, channel, isSelf);
                break;
            case IrcCommands.Part when src.Nick is not null && msg.Param(0) is { } channel:
                OnLeave(channel, src.Nick, isSelf);
                break;
            case IrcCommands.Kick when msg.Param(0) is { } channel && msg.Param(1) is { } kicked:
                OnLeave(channel, kicked, cm.Equals(kicked, ownNick));
                break;
            case IrcCommands.Quit when src.Nick is not null:
                ForEachChannel(c => c.RemoveMember(src.Nick));
                break;
            case IrcCommands.Nick when src.Nick is not null && msg.Param(0) is { } newNick:
                ForEachChannel(c => c.UpdateMember(src.Nick, m => m with { Nick = newNick }));
                break;
            case IrcCommands.Mode when msg.Param(0) is { } target && _isupport.IsChannel(target):
                OnMode(target, msg.Params, 1);
                break;
            case IrcCommands.RplChannelModeIs when _trackMembers && msg.Param(1) is { } channel:
                Get(channel)?.ClearModes();
                OnMode(channel, msg.Params, 2);
                break;
            case IrcCommands.Topic when _trackMembers && msg.Param(0) is { } channel:
                Get(channel)?.SetTopic(msg.Param(1), src.Nick, msg.ServerTime ?? _timeProvider.GetUtcNow());
                break;
            case IrcCommands.RplTopic when _trackMembers && msg.Param(1) is { } channel:
                Get(channel)?.SetTopic(msg.Param(2), null, null);
                break;
            case IrcCommands.RplNoTopic when _trackMembers && msg.Param(1) is { } channel:
                Get(channel)?.SetTopic(null, null, null);
                break;
            case IrcCommands.RplTopicWhoTime when _trackMembers && msg.Param(1) is { } channel:
                Get(channel)?.SetTopicWhoTime(
                    msg.Param(2) is { } who ? IrcSource.Parse(who).Nick : null,
                    long.TryParse(msg.Param(3), NumberStyles.None, CultureInfo.InvariantCulture, out var unix) ? DateTimeOffset.FromUnixTimeSeconds(unix) : null);
                break;
            case IrcCommands.RplNamReply when msg.Params.Count >= 3:
                OnNames(msg.Params[^2], msg.Params[^1]);
                break;
            case IrcCommands.RplEndOfNames when msg.Param(1) is { } channel && Get(channel) is { } state:
                state.NamesComplete = true;
                break;
            case IrcCommands.Chghost when src.Nick is not null && msg.Params.Count >= 2:
                UpdateUser(src.Nick, m => m with { User = msg.Params[0], Host = msg.Params[1] });
                break;
            case IrcCommands.Setname when src.Nick is not null && msg.Param(0) is { } realName:
                UpdateUser(src.Nick, m => m with { RealName = realName });
                break;
            case IrcCommands.Away when src.Nick is not null:
                UpdateUser(src.Nick, m => m with { IsAway = msg.Params.Count > 0 });
                break;
            case IrcCommands.Account when src.Nick is not null && msg.Param(0) is { } account:
                UpdateUser(src.Nick, m => m with { Account = account == "*" ? null : account });
                break;
        }
    }

    private void OnJoin(IrcMessage msg, IrcSource src, string channel, bool isSelf)
    {
        if (isSelf)
        {
            lock (_lock)
            {
                if (!_channels.TryGetValue(channel, out var state))
                {
                    state = new IrcChannelState(channel, _isupport.CaseMapping);
                    _channels[channel] = state;
                }

                if (_pendingKeys is not null && _pendingKeys.Remove(channel, out var key))
                {
                    state.Key = key;
                }

                state.NamesComplete = false;
            }
        }

        if (!_trackMembers || Get(channel) is not { } ch)
        {
            return;
        }

        // extended-join: JOIN <channel> <account|*> :<realname>
        var account = msg.Params.Count >= 3 && msg.Params[1] != "*" ? msg.Params[1] : msg.Account;
        var realName = msg.Params.Count >= 3 ? msg.Params[2] : null;
        ch.SetMember(new IrcChannelMember(src.Nick, string.Empty, src.User, src.Host, account, realName));
    }

    private void OnLeave(string channel, string nick, bool isSelf)
    {
        if (isSelf)
        {
            lock (_lock)
            {
                _channels.Remove(channel);
            }

            return;
        }

        if (_trackMembers)
        {
            Get(channel)?.RemoveMember(nick);
        }
    }

    private void OnMode(string channel, IReadOnlyList<string> ps, int modeIndex)
    {
        if (!_trackMembers || Get(channel) is not { } state || modeIndex >= ps.Count)
        {
            return;
        }

        var add = true;
        var arg = modeIndex + 1;
        foreach (var c in ps[modeIndex])
        {
            if (c is '+' or '-')
            {
                add = c == '+';
                continue;
            }

            var prefixIndex = _isupport.PrefixModes.IndexOf(c, StringComparison.Ordinal);
            if (prefixIndex >= 0)
            {
                if (arg < ps.Count)
                {
                    var symbol = _isupport.PrefixSymbols[prefixIndex];
                    state.UpdateMember(ps[arg++], m => m with { Prefixes = ChangePrefix(m.Prefixes, symbol, add) });
                }
            }
            else if (_isupport.ChanModesA.Contains(c, StringComparison.Ordinal))
            {
                arg++;
            }
            else if (_isupport.ChanModesB.Contains(c, StringComparison.Ordinal))
            {
                state.SetMode(c, add, arg < ps.Count ? ps[arg] : null);
                arg++;
            }
            else if (_isupport.ChanModesC.Contains(c, StringComparison.Ordinal))
            {
                state.SetMode(c, add, add && arg < ps.Count ? ps[arg++] : null);
            }
            else
            {
                state.SetMode(c, add, null);
            }
        }
    }

    private void OnNames(string channel, string names)
    {
        if (!_trackMembers || Get(channel) is not { } state)
        {
            return;
        }

        foreach (var entry in names.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var i = 0;
            while (i < entry.Length && _isupport.PrefixSymbols.Contains(entry[i], StringComparison.Ordinal))
            {
                i++;
            }

            if (i == entry.Length)
            {
                continue;
            }

            var src = IrcSource.Parse(entry[i..]);
            var prefixes = SortPrefixes(entry[..i]);
            if (!state.UpdateMember(src.Nick, m => m with { Prefixes = prefixes, User = src.User ?? m.User, Host = src.Host ?? m.Host }))
            {
                state.SetMember(new IrcChannelMember(src.Nick, prefixes, src.User, src.Host));
            }
        }
    }

    private void UpdateUser(string nick, Func<IrcChannelMember, IrcChannelMember> update)
    {
        if (_trackMembers)
        {
            ForEachChannel(c => c.UpdateMember(nick, update));
        }
    }

    private void ForEachChannel(Action<IrcChannelState> action)
    {
        if (!_trackMembers)
        {
            return;
        }

        foreach (var c in Channels)
        {
            action(c);
        }
    }

    private string ChangePrefix(string prefixes, char symbol, bool add)
    {
        if (add)
        {
            return prefixes.Contains(symbol, StringComparison.Ordinal) ? prefixes : SortPrefixes(prefixes + symbol);
        }

        return prefixes.Replace(symbol.ToString(), string.Empty, StringComparison.Ordinal);
    }

    private string SortPrefixes(string prefixes)
    {
        if (prefixes.Length <= 1)
        {
            return prefixes.Length == 0 ? string.Empty : prefixes;
        }

        var symbols = _isupport.PrefixSymbols;
        return new string([.. prefixes.Distinct().OrderBy(c => symbols.IndexOf(c, StringComparison.Ordinal))]);
    }
}
