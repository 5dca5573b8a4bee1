using System.ComponentModel.DataAnnotations;
using Bridges.Core.Backfill;
using Bridges.Core.Delivery;
using Bridges.Core.Media;
using Bridges.Core.Permissions;
using Bridges.Core.Relay;

namespace Bridges.Core.Bridge;

/// <summary>The network-neutral settings of one bridge (config section <c>bridges:&lt;network&gt;</c>).</summary>
public sealed class BridgeOptions
{
    /// <summary>Prefix for commands in portal rooms (the management room needs none). Default <c>!&lt;network&gt;</c>.</summary>
    public string? CommandPrefix { get; set; }

    /// <summary>Who may do what; see <see cref="PermissionsOptions"/>.</summary>
    public PermissionsOptions Permissions { get; set; } = new();

    /// <summary>Ghost localpart; <c>{network}</c> and <c>{id}</c> (the escaped remote id) are replaced.</summary>
    public string GhostLocalpartTemplate { get; set; } = "{network}_{id}";

    /// <summary>Ghost display name; <c>{name}</c> and <c>{network}</c> (display name of the network) are replaced.</summary>
    public string GhostDisplayNameTemplate { get; set; } = "{name} ({network})";

    /// <summary>Portal alias localpart for dynamic rooms; <c>{network}</c> and <c>{id}</c> are replaced.</summary>
    public string AliasTemplate { get; set; } = "{network}_{id}";

    /// <summary>Whether the homeserver may create portals on demand when someone joins an alias in the namespace.</summary>
    public bool DynamicAliasRooms { get; set; } = true;

    /// <summary>Room version of new portal rooms (e.g. <c>12</c>); the homeserver's default when unset.</summary>
    public string? RoomVersion { get; set; }

    /// <summary>Publish alias-created portal rooms in the room directory.</summary>
    public bool PublishPortalsInDirectory { get; set; }

    /// <summary>Relay mode settings.</summary>
    public RelayOptions Relay { get; set; } = new();

    /// <summary>Retries of sends to the network.</summary>
    public DeliveryOptions Delivery { get; set; } = new();

    /// <summary>Keep each login's portals in a Matrix space of its own.</summary>
    public bool PersonalSpaces { get; set; } = true;

    /// <summary>Double puppeting.</summary>
    public DoublePuppetOptions DoublePuppet { get; set; } = new();

    /// <summary>Largest media file bridged either way, in bytes.</summary>
    [Range(typeof(long), "0", "9223372036854775807", ErrorMessage = "must not be negative")]
    public long MaxMediaBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Events waiting on one portal's queue (either direction) before pushing more waits: the backpressure
    /// that reaches the network reader while the homeserver is slow, so memory stays bounded.</summary>
    [Range(1, 1_000_000, ErrorMessage = "must be between {1} and {2}")]
    public int PortalQueueCapacity { get; set; } = 1024;

    /// <summary>History from networks that can fetch it: on portal creation, after downtime, on request.</summary>
    public BackfillOptions Backfill { get; set; } = new();

    /// <summary>Signed links to Matrix media for networks that carry links rather than files.</summary>
    public PublicMediaOptions PublicMedia { get; set; } = new();
}
