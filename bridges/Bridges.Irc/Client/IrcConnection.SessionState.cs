namespace Bridges.Irc.Client;

/// <summary>Per-session state: one TCP connection from connect to close.</summary>
internal sealed partial class IrcConnection
{
    private enum RegPhase
    {
        CapLs,
        CapReq,
        Sasl,
        Welcome,
        Motd,
        Ready,
    }

    private readonly record struct SessionOutcome(bool Registered, IrcDisconnectReason Reason, string? Message, Exception? Error);

    private sealed class Session
    {
        private readonly Lock _abortLock = new();
        private long _lastReceived;
        private volatile bool _isRegistered;
        private volatile bool _ended;
        private volatile bool _pingOutstanding;
        private volatile bool _readPaused;

        public Session(int id, Stream stream, CancellationToken lifetime, TaskCompletionSource? firstRegistration)
        {
            Id = id;
            Stream = stream;
            Cts = CancellationTokenSource.CreateLinkedTokenSource(lifetime);
            Token = Cts.Token;
            FirstRegistration = firstRegistration;
        }

        public int Id { get; }

        public Stream Stream { get; }

        public CancellationTokenSource Cts { get; }

        public CancellationToken Token { get; }

        /// <summary>Completed when this session registers, if it is the one <see cref="ConnectAsync"/> waits for.</summary>
        public TaskCompletionSource? FirstRegistration { get; }

        /// <summary>Timestamp (<see cref="TimeProvider.GetTimestamp"/>) of the last received line; written by the
        /// receive loop, read by the keepalive timer.</summary>
        public long LastReceived
        {
            get => Volatile.Read(ref _lastReceived);
            set => Volatile.Write(ref _lastReceived, value);
        }

        public bool IsRegistered { get => _isRegistered; set => _isRegistered = value; }

        public bool Ended { get => _ended; set => _ended = value; }

        public bool PingOutstanding { get => _pingOutstanding; set => _pingOutstanding = value; }

        /// <summary>True while the receive loop waits on <see cref="IrcConnectionOptions.InboundGate"/>.</summary>
        public bool ReadPaused { get => _readPaused; set => _readPaused = value; }

        public RegPhase Phase { get; set; } = RegPhase.CapLs;

        public int PendingCapRequests { get; set; }

        public bool CapNakRetried { get; set; }

        /// <summary>Caps ACKed during registration; they replace the connection's set once negotiation ends, so
        /// sends queued during a reconnect keep deciding on tags/labels with the previous session's caps.</summary>
        public HashSet<string> NegotiatedCaps { get; } = new(StringComparer.Ordinal);

        public int NickCollisions { get; set; }

        public int NickErroneous { get; set; }

        public string? ServerError { get; set; }

        public IrcBatchTracker Batches { get; } = new();

        public ITimer? Keepalive { get; set; }

        public ITimer? RegistrationTimer { get; set; }

        public IrcDisconnectReason? Reason { get; set; }

        public string? Message { get; private set; }

        public Exception? Error { get; private set; }

        public void AbortUnlessRegistered()
        {
            if (!IsRegistered)
            {
                Abort(IrcDisconnectReason.RegistrationFailed, "Registration timed out.", null);
            }
        }

        /// <summary>Records why the session ends (first reason wins) and stops its loops.</summary>
        public void Abort(IrcDisconnectReason reason, string? message, Exception? error)
        {
            lock (_abortLock)
            {
                if (Reason is not null)
                {
                    return;
                }

                Reason = reason;
                Message = message;
                Error = error;
            }

            try
            {
                Cts.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Session already torn down.
            }
        }
    }
}
