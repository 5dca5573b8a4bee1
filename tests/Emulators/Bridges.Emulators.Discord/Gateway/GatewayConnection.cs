using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;

namespace Bridges.Emulators.Discord.Gateway;

/// <summary>One WebSocket: frames go out in order through one writer, and a close is queued behind what is pending.</summary>
internal sealed class GatewayConnection(WebSocket socket)
{
    private readonly Channel<(string? Json, int CloseCode)> _outgoing = Channel.CreateUnbounded<(string?, int)>(new UnboundedChannelOptions { SingleReader = true });

    public WebSocket Socket { get; } = socket;

    public GatewaySession? Session { get; set; }

    public bool Identified => Session is not null;

    public void Send(string json) => _outgoing.Writer.TryWrite((json, 0));

    /// <summary>Closes with a Gateway close code after what is queued.</summary>
    public void Close(int code) => _outgoing.Writer.TryWrite((null, code));

    public async Task RunWriterAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var (json, code) in _outgoing.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                if (json is null)
                {
                    await Socket.CloseOutputAsync((WebSocketCloseStatus)code, CloseReason(code), ct).ConfigureAwait(false);
                    return;
                }

                await Socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, ct).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away; the reader notices too.
        }
    }

    public void Complete() => _outgoing.Writer.TryComplete();

    private static string CloseReason(int code) => code switch
    {
        4000 => "Unknown error",
        4001 => "Unknown opcode",
        4002 => "Decode error",
        4003 => "Not authenticated",
        4004 => "Authentication failed",
        4005 => "Already authenticated",
        4007 => "Invalid seq",
        4008 => "Rate limited",
        4009 => "Session timed out",
        4013 => "Invalid intent(s)",
        4014 => "Disallowed intent(s)",
        _ => "closed",
    };
}
