namespace Bridges.Testing.Homeserver.Model;

/// <summary>A room alias in the local directory and who created it.</summary>
internal sealed record AliasEntry(string RoomId, string Creator);
