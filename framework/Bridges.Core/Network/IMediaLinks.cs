namespace Bridges.Core.Network;

/// <summary>
/// Media for networks that carry links rather than files (IRC, plain-text mail): Matrix media made reachable
/// through the bridge's own listener, since homeservers with authenticated media no longer serve it anonymously.
/// </summary>
public interface IMediaLinks
{
    /// <summary>Whether links can be made (a public URL is known and public media is enabled).</summary>
    bool Enabled { get; }

    /// <summary>
    /// A signed URL on the bridge's listener that serves <paramref name="mxcUri"/>, or <paramref name="mxcUri"/> itself
    /// when links are disabled or it is not an <c>mxc://</c> URI.
    /// </summary>
    string LinkFor(string mxcUri, string? fileName);

    /// <summary>Uploads <paramref name="content"/> as the bridge bot and returns a link to it (e.g. a long message as a text file).</summary>
    Task<string> UploadAndLinkAsync(ReadOnlyMemory<byte> content, string mimeType, string fileName, CancellationToken ct);
}
