namespace Bridges.Core.Content;

/// <summary>A file exceeds the bridge's media size limit.</summary>
public sealed class MediaTooLargeException : Exception
{
    public MediaTooLargeException(string fileName, long size, long limit)
        : base($"{fileName} is {size} bytes, over the {limit}-byte limit.")
    {
        FileName = fileName;
        Size = size;
        Limit = limit;
    }

    public MediaTooLargeException()
    {
        FileName = string.Empty;
    }

    public MediaTooLargeException(string message)
        : base(message)
    {
        FileName = string.Empty;
    }

    public MediaTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
        FileName = string.Empty;
    }

    public string FileName { get; }

    public long Size { get; }

    public long Limit { get; }
}
