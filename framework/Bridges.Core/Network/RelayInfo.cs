namespace Bridges.Core.Network;

/// <summary>How a relayed message names its real sender (for networks like IRC relaymsg that can show it natively).</summary>
public sealed record RelayInfo(string DisplayName, string UserId);
