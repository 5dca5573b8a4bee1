using Bridges.Core.Network.Ids;

namespace Bridges.Core.Network;

/// <summary>A member of a remote chat with their power there (IRC op → 50/100 and so on).</summary>
public sealed record ChatMember(RemoteUserId User, int PowerLevel = 0, bool IsFromMe = false);
