using System.Security.Cryptography;

namespace Bridges.Testing.Homeserver.Model;

/// <summary>Random identifiers, from <see cref="RandomNumberGenerator"/>.</summary>
internal static class Ids
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Alphanumeric = Letters + "0123456789";
    private const string UrlSafe = Alphanumeric + "-_";

    public static string Random(int length) => RandomNumberGenerator.GetString(Alphanumeric, length);

    public static string EventId(string roomVersion, string serverName) => RoomVersion.HashEventIds(roomVersion)
        ? "$" + RandomNumberGenerator.GetString(UrlSafe, 43)
        : $"${Random(18)}:{serverName}";

    public static string RoomId(string roomVersion, string serverName) => RoomVersion.Creators(roomVersion)
        ? "!" + RandomNumberGenerator.GetString(UrlSafe, 43)
        : $"!{RandomNumberGenerator.GetString(Letters, 18)}:{serverName}";

    public static string AccessToken() => "syt_" + Random(40);

    public static string DeviceId() => RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 10);

    public static string MediaId() => Random(24);
}
