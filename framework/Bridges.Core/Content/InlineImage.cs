namespace Bridges.Core.Content;

/// <summary>
/// An image shown inside a message's text (a custom emoji), written into <see cref="BridgedContent.Html"/> with
/// <see cref="Formatting.InlineImages.Tag"/>. The core uploads it as the sender and writes its <c>mxc://</c> URI in
/// place; where the upload fails, the tag's alt text shows instead.
/// </summary>
/// <param name="Id">
/// The network's stable id of the image (e.g. <c>emoji:1234</c>): one id is uploaded once however often it is used.
/// </param>
/// <param name="Source">The image.</param>
public sealed record InlineImage(string Id, MediaSource Source);
