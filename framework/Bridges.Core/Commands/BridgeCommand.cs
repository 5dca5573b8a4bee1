using Bridges.Core.Permissions;

namespace Bridges.Core.Commands;

/// <summary>A management or portal command.</summary>
/// <param name="Name">What the user types, e.g. <c>login</c>.</param>
/// <param name="Section">Help section, e.g. <c>Authentication</c>.</param>
/// <param name="Help">One line of help.</param>
/// <param name="Permission">The least permission needed.</param>
/// <param name="Handler">Runs the command.</param>
public sealed record BridgeCommand(string Name, string Section, string Help, PermissionLevel Permission, Func<CommandContext, CancellationToken, Task> Handler)
{
    /// <summary>Arguments shown in help, e.g. <c>&lt;flow&gt;</c>.</summary>
    public string? Usage { get; init; }

    /// <summary>Other names.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>Only in a portal room.</summary>
    public bool RequiresPortal { get; init; }

    /// <summary>Only for users with a login on this network.</summary>
    public bool RequiresLogin { get; init; }
}
