using System.Text.Json;

namespace Bridges.Discord.Gateway;

/// <summary>Receives dispatches (op 0) in Gateway order, one at a time.</summary>
internal interface IGatewayListener
{
    Task OnDispatchAsync(string type, JsonElement data, CancellationToken ct);
}
