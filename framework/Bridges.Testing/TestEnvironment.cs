namespace Bridges.Testing;

/// <summary>
/// Which homeserver end-to-end tests use: the in-process test homeserver by default, or a real one when
/// <c>BRIDGES_TEST_HOMESERVER_URL</c> and <c>BRIDGES_TEST_REGISTRATION</c> (a registration installed on it) are set.
/// </summary>
public static class TestEnvironment
{
    /// <summary>The real homeserver's Client-Server URL, when configured.</summary>
    public static string? HomeserverUrl => Environment.GetEnvironmentVariable("BRIDGES_TEST_HOMESERVER_URL") is { Length: > 0 } url ? url : null;

    /// <summary>The registration file installed on the real homeserver.</summary>
    public static string? RegistrationPath => Environment.GetEnvironmentVariable("BRIDGES_TEST_REGISTRATION") is { Length: > 0 } path ? path : null;

    /// <summary>True when tests run against a real homeserver.</summary>
    public static bool UsesRealHomeserver => HomeserverUrl is not null && RegistrationPath is not null;

    /// <summary>The localpart prefix of human test users: a non-exclusive namespace the registration must include.</summary>
    public const string TestUserPrefix = "e2e_";

    /// <summary>The user regex of that namespace for <paramref name="serverName"/>.</summary>
    public static string TestUserRegex(string serverName) => $"@{TestUserPrefix}.*:{System.Text.RegularExpressions.Regex.Escape(serverName)}";
}
