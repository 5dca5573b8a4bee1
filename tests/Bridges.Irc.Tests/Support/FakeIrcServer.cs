using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Threading.Channels;

namespace Bridges.Irc.Tests.Support;

/// <summary>
/// Scripted in-memory IRC server for protocol tests that the real server cannot show (SASL EXTERNAL, CAP NAK,
/// multiline, malformed input). Every connection the client opens becomes a new <see cref="Session"/>.
/// </summary>
internal sealed class FakeIrcServer
{
    private readonly Channel<Session> _sessions = Channel.CreateUnbounded<Session>();

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>The transport to hand to the connection under test.</summary>
    public ValueTask<Stream> ConnectAsync(CancellationToken ct)
    {
        var toServer = new Pipe();
        var toClient = new Pipe();
        var session = new Session(toServer.Reader, toClient.Writer);
        _sessions.Writer.TryWrite(session);
        return ValueTask.FromResult<Stream>(new DuplexPipeStream(toClient.Reader, toServer.Writer));
    }

    public async Task<Session> NextSessionAsync() =>
        await _sessions.Reader.ReadAsync().AsTask().WaitAsync(Timeout);

    internal sealed class Session
    {
        private readonly PipeReader _reader;
        private readonly PipeWriter _writer;
        private readonly List<string> _received = [];

        public Session(PipeReader reader, PipeWriter writer)
        {
            _reader = reader;
            _writer = writer;
        }

        /// <summary>Every line read so far.</summary>
        public IReadOnlyList<string> Received => _received;

        /// <summary>Raw bytes of every line read so far (to check exact wire content).</summary>
        public List<byte[]> RawLines { get; } = [];

        public async Task<string> ReadLineAsync()
        {
            while (true)
            {
                var result = await _reader.ReadAsync().AsTask().WaitAsync(Timeout);
                var buffer = result.Buffer;
                var pos = buffer.PositionOf((byte)'\n');
                if (pos is not null)
                {
                    var bytes = buffer.Slice(0, pos.Value).ToArray();
                    _reader.AdvanceTo(buffer.GetPosition(1, pos.Value));
                    RawLines.Add(bytes);
                    var line = Encoding.UTF8.GetString(bytes).TrimEnd('\r');
                    _received.Add(line);
                    return line;
                }

                if (result.IsCompleted)
                {
                    throw new EndOfStreamException("Client closed the connection.");
                }

                _reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }

        /// <summary>Reads until a line satisfies <paramref name="predicate"/>; returns that line.</summary>
        public async Task<string> ExpectAsync(Func<string, bool> predicate)
        {
            while (true)
            {
                var line = await ReadLineAsync();
                if (predicate(line))
                {
                    return line;
                }
            }
        }

        public Task<string> ExpectCommandAsync(string command) =>
            ExpectAsync(l => Command(l) == command);

        public async Task SendAsync(params string[] lines)
        {
            foreach (var l in lines)
            {
                await _writer.WriteAsync(Encoding.UTF8.GetBytes(l + "\r\n"));
            }
        }

        public async Task SendRawAsync(byte[] bytes) => await _writer.WriteAsync(bytes);

        /// <summary>Standard registration: CAP LS 302 offering <paramref name="caps"/>, ACK all requested, 001/005/376.</summary>
        public async Task RegisterAsync(string caps, string nick = "me", string isupport = "CASEMAPPING=rfc1459 CHANTYPES=# PREFIX=(ov)@+ NICKLEN=30")
        {
            await ExpectAsync(l => l == "CAP LS 302");
            await SendAsync($":srv CAP * LS :{caps}");
            if (caps.Length > 0)
            {
                var req = await ExpectAsync(l => l.StartsWith("CAP REQ", StringComparison.Ordinal));
                await SendAsync($":srv CAP * ACK :{req[(req.IndexOf(':', StringComparison.Ordinal) + 1)..]}");
            }

            await ExpectAsync(l => l == "CAP END");
            await SendAsync(
                $":srv 001 {nick} :Welcome to the Fake Network {nick}!user@fake.host",
                $":srv 005 {nick} {isupport} :are supported by this server",
                $":srv 376 {nick} :End of MOTD");
        }

        /// <summary>Ends the connection from the server side.</summary>
        public async Task CloseAsync() => await _writer.CompleteAsync();

        private static string Command(string line)
        {
            var parts = line.Split(' ');
            var i = 0;
            while (i < parts.Length && (parts[i].StartsWith('@') || parts[i].StartsWith(':')))
            {
                i++;
            }

            return i < parts.Length ? parts[i] : string.Empty;
        }
    }
}
