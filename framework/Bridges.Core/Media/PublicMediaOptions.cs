namespace Bridges.Core.Media;

/// <summary>Links to Matrix media served by the bridge (config <c>bridges:&lt;network&gt;:publicmedia</c>).</summary>
public sealed class PublicMediaOptions
{
    /// <summary>Serve signed media links under <c>/_bridges/media/</c> on the bridge's listener. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Key that signs the links. Default: derived from the registration's as_token, so links stay valid across
    /// restarts and change when the token is rotated.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>Largest file served, in bytes. Default 100 MiB.</summary>
    public long MaxBytes { get; set; } = 100L * 1024 * 1024;
}
