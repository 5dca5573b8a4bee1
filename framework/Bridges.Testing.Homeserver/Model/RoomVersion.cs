namespace Bridges.Testing.Homeserver.Model;

/// <summary>The room-version differences this homeserver models (ids, creator rules, redaction format).</summary>
internal static class RoomVersion
{
    public static readonly IReadOnlyList<string> Supported = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"];

    public static bool IsSupported(string version) => Supported.Contains(version);

    /// <summary>Event ids became hashes (without server name) in room version 3.</summary>
    public static bool HashEventIds(string version) => Number(version) >= 3;

    /// <summary><c>m.room.create</c> lost <c>creator</c>, and redactions moved <c>redacts</c> into content, in v11.</summary>
    public static bool V11Rules(string version) => Number(version) >= 11;

    /// <summary>Room version 12: room ids derive from the create event, creators have infinite power.</summary>
    public static bool Creators(string version) => Number(version) >= 12;

    /// <summary>Knocking came in room version 7; <c>knock_restricted</c> in 10.</summary>
    public static bool Knocking(string version, string joinRule) => Number(version) >= (joinRule == "knock_restricted" ? 10 : 7);

    /// <summary>Restricted joins came in room version 8; <c>knock_restricted</c> in 10.</summary>
    public static bool RestrictedJoins(string version, string joinRule) =>
        joinRule switch { "restricted" => Number(version) >= 8, "knock_restricted" => Number(version) >= 10, _ => false };

    private static int Number(string version) => int.TryParse(version, out var n) ? n : 0;
}
