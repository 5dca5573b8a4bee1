namespace Bridges.Irc.Client;

/// <summary>
/// What the connection knows about one joined channel. Written by the receive loop, readable from any
/// thread: every accessor returns a snapshot taken under the channel's own lock.
/// </summary>
internal sealed class IrcChannelState
{
    private readonly Lock _lock = new();
    private Dictionary<string, IrcChannelMember> _members;
    private Dictionary<char, string?>? _modes;
    private string? _topic;
    private string? _topicSetBy;
    private DateTimeOffset? _topicSetAt;

    public IrcChannelState(string name, IrcCaseMapping caseMapping)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(caseMapping);
        Name = name;
        _members = new Dictionary<string, IrcChannelMember>(caseMapping);
    }

    /// <summary>Channel name as the server spelled it in our JOIN.</summary>
    public string Name { get; }

    /// <summary>Key we joined with, kept for rejoining after a reconnect.</summary>
    public string? Key { get; internal set; }

    /// <summary>True once the initial NAMES list (366) arrived.</summary>
    public bool NamesComplete { get; internal set; }

    public string? Topic { get { lock (_lock) { return _topic; } } }

    public string? TopicSetBy { get { lock (_lock) { return _topicSetBy; } } }

    public DateTimeOffset? TopicSetAt { get { lock (_lock) { return _topicSetAt; } } }

    public int MemberCount { get { lock (_lock) { return _members.Count; } } }

    public IReadOnlyList<IrcChannelMember> Members { get { lock (_lock) { return [.. _members.Values]; } } }

    /// <summary>Channel modes other than list and membership modes: letter → parameter (null when none).</summary>
    public IReadOnlyDictionary<char, string?> Modes
    {
        get { lock (_lock) { return _modes is null ? new Dictionary<char, string?>() : new Dictionary<char, string?>(_modes); } }
    }

    public bool TryGetMember(string nick, out IrcChannelMember? member)
    {
        lock (_lock)
        {
            return _members.TryGetValue(nick, out member);
        }
    }

    internal void SetMember(IrcChannelMember member)
    {
        lock (_lock)
        {
            _members[member.Nick] = member;
        }
    }

    /// <summary>Replaces a member through <paramref name="update"/>; no-op when absent.</summary>
    internal bool UpdateMember(string nick, Func<IrcChannelMember, IrcChannelMember> update)
    {
        lock (_lock)
        {
            if (!_members.TryGetValue(nick, out var m))
            {
                return false;
            }

            var updated = update(m);
            if (!string.Equals(m.Nick, updated.Nick, StringComparison.Ordinal))
            {
                _members.Remove(nick);
            }

            _members[updated.Nick] = updated;
            return true;
        }
    }

    internal bool RemoveMember(string nick)
    {
        lock (_lock)
        {
            return _members.Remove(nick);
        }
    }

    internal void ClearMembers()
    {
        lock (_lock)
        {
            _members.Clear();
        }
    }

    internal void Rehash(IrcCaseMapping caseMapping)
    {
        lock (_lock)
        {
            _members = new Dictionary<string, IrcChannelMember>(_members, caseMapping);
        }
    }

    internal void SetTopic(string? topic, string? setBy, DateTimeOffset? setAt)
    {
        lock (_lock)
        {
            _topic = string.IsNullOrEmpty(topic) ? null : topic;
            _topicSetBy = setBy;
            _topicSetAt = setAt;
        }
    }

    internal void SetTopicWhoTime(string? setBy, DateTimeOffset? setAt)
    {
        lock (_lock)
        {
            _topicSetBy = setBy;
            _topicSetAt = setAt;
        }
    }

    internal void SetMode(char mode, bool add, string? parameter)
    {
        lock (_lock)
        {
            if (add)
            {
                (_modes ??= [])[mode] = parameter;
            }
            else if (_modes is not null && _modes.Remove(mode) && _modes.Count == 0)
            {
                _modes = null;
            }
        }
    }

    internal void ClearModes()
    {
        lock (_lock)
        {
            _modes = null;
        }
    }
}
