namespace Bridges.Emulators.Discord.World;

/// <summary>
/// A sticker on a message (<c>sticker_items</c>); its image is served at <c>/stickers/{id}.png</c> (<c>.gif</c> for GIF,
/// <c>.json</c> for Lottie) as Discord's CDN does.
/// </summary>
/// <param name="Id">The sticker's snowflake.</param>
/// <param name="Name">Its name.</param>
/// <param name="FormatType">1 PNG, 2 APNG, 3 Lottie, 4 GIF.</param>
/// <param name="Data">The file the CDN serves.</param>
public sealed record EmulatedSticker(string Id, string Name, int FormatType, byte[] Data)
{
    public const int Png = 1, Apng = 2, Lottie = 3, Gif = 4;

    /// <summary>The CDN file extension of the format.</summary>
    public string Extension => FormatType switch
    {
        Gif => "gif",
        Lottie => "json",
        _ => "png",
    };
}
