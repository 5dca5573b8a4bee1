using System.Text.Json;
using Bridges.Core.Network.Ids;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Logins;

/// <summary>A Matrix user's account on the network, as stored.</summary>
/// <param name="Id">The remote account id.</param>
/// <param name="UserId">The Matrix user who owns it (the bridge bot for a relay-only login).</param>
/// <param name="RemoteName">A human name for it (nick, phone number, bot name).</param>
/// <param name="Metadata">Plugin data for this login.</param>
public sealed record UserLogin(UserLoginId Id, UserId UserId, string RemoteName, JsonElement? Metadata = null);
