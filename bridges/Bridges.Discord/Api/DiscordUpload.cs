namespace Bridges.Discord.Api;

/// <summary>A file sent with a message as the <c>files[n]</c> part of a multipart request, read into memory within the guild's limit.</summary>
internal sealed record DiscordUpload(string FileName, string ContentType, ReadOnlyMemory<byte> Data);
