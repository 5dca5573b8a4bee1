namespace Bridges.Emulators.Discord.World;

/// <summary>A file on a message, served at <c>/attachments/{channel}/{id}/{filename}</c>.</summary>
public sealed record EmulatedAttachment(string Id, string FileName, string? ContentType, byte[] Data);
