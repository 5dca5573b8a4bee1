namespace Bridges.Core.Content;

/// <summary>Broad kinds of media.</summary>
public enum MediaKind
{
    File,
    Image,
    Audio,
    Video,
}
