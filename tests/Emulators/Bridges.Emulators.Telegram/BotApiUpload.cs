namespace Bridges.Emulators.Telegram;

/// <summary>A file part of a <c>multipart/form-data</c> request.</summary>
/// <param name="PartName">The form field name of the part.</param>
/// <param name="FileName">The file name the client gave, if any.</param>
/// <param name="ContentType">The part's content type, if any.</param>
/// <param name="Content">The bytes.</param>
public sealed record BotApiUpload(string PartName, string? FileName, string? ContentType, ReadOnlyMemory<byte> Content);
