using Bridges.Core.Network.Ids;

namespace Bridges.Loopback;

/// <summary>A group chat on the loopback network (a shared portal: no receiver).</summary>
public sealed class LoopbackChat
{
    private readonly List<string> _members = [];

    internal LoopbackChat(string id, string name, string? topic)
    {
        Id = id;
        Name = name;
        Topic = topic;
    }

    /// <summary>The chat id (also the portal id).</summary>
    public string Id { get; }

    /// <summary>The chat's name.</summary>
    public string Name { get; internal set; }

    /// <summary>The chat's topic.</summary>
    public string? Topic { get; internal set; }

    /// <summary>The id of the chat this one sits under (a category or guild), if any.</summary>
    public string? Parent { get; set; }

    /// <summary>Whether this chat holds others (its portal room is a space).</summary>
    public bool IsSpace { get; set; }

    /// <summary>The chat's place among its siblings.</summary>
    public string? Order { get; set; }

    /// <summary>The portal key the bridge uses for this chat.</summary>
    public PortalKey PortalKey => new(new PortalId(Id));

    /// <summary>Usernames of the members (everyone who acted here, and anyone added).</summary>
    public IReadOnlyList<string> Members => _members;

    /// <summary>How many of this chat's events the bridge acknowledged (the network's cursor).</summary>
    public int Acknowledged { get; internal set; }

    /// <summary>How many events happened here for the bridge (remote actions and echoes of what the bridge sent).</summary>
    public int EventCount => Log.Count;

    /// <summary>Everything that happened here for the bridge, in order; the first <see cref="Acknowledged"/> were acknowledged.</summary>
    internal List<LoopbackEvent> Log { get; } = [];

    /// <summary>Every message of the chat in the order it was posted, unseen ones included: what backfill reads.</summary>
    internal List<LoopbackEvent> History { get; } = [];

    internal void AddMember(string username)
    {
        if (!_members.Contains(username))
        {
            _members.Add(username);
        }
    }
}
