namespace Bridges.Core.Network;

/// <summary>A send failed for good (forbidden, too large); the core tells the room.</summary>
public sealed class RemotePermanentException : Exception
{
    public RemotePermanentException()
    {
    }

    public RemotePermanentException(string message)
        : base(message)
    {
    }

    public RemotePermanentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
