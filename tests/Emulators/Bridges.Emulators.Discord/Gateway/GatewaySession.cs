using System.Text.Json.Nodes;
using Bridges.Emulators.Discord.World;

namespace Bridges.Emulators.Discord.Gateway;

/// <summary>
/// One identified Gateway session: it outlives its connection, so a client that resumes gets every dispatch it
/// missed (sequence numbers keep counting while it is away).
/// </summary>
internal sealed class GatewaySession(string id, EmulatedUser bot, int intents)
{
    private readonly List<(int Seq, string Json)> _log = [];

    public string Id { get; } = id;

    public EmulatedUser Bot { get; } = bot;

    public int Intents { get; } = intents;

    public int Sequence { get; private set; }

    /// <summary>False once Discord would refuse a RESUME of it (closed with 1000, timed out, invalidated).</summary>
    public bool Resumable { get; set; } = true;

    public GatewayConnection? Connection { get; set; }

    /// <summary>Numbers and logs a dispatch and sends it if a connection is attached (caller holds the gate).</summary>
    public void Dispatch(string type, JsonNode? data)
    {
        Sequence++;
        var json = new JsonObject { ["op"] = 0, ["t"] = type, ["s"] = Sequence, ["d"] = data?.DeepClone() }.ToJsonString();
        _log.Add((Sequence, json));
        Connection?.Send(json);
    }

    /// <summary>Everything after <paramref name="seq"/>, in order, for a RESUME.</summary>
    public IEnumerable<string> After(int seq) => _log.Where(e => e.Seq > seq).Select(e => e.Json);
}
