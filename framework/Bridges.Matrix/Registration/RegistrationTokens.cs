using System.Security.Cryptography;

namespace Bridges.Matrix.Registration;

/// <summary>Fresh secrets for registrations, from the operating system's CSPRNG.</summary>
public static class RegistrationTokens
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A random token of <paramref name="length"/> alphanumeric characters (default 64, ~380 bits).</summary>
    public static string Generate(int length = 64) => RandomNumberGenerator.GetString(Alphabet, length);

    /// <summary>A registration with fresh tokens for the given id, url, bot and namespaces.</summary>
    public static AppServiceRegistration Create(string id, string? url, string senderLocalpart, RegistrationNamespaces namespaces) => new()
    {
        Id = id,
        Url = url,
        AsToken = Generate(),
        HsToken = Generate(),
        SenderLocalpart = senderLocalpart,
        Namespaces = namespaces,
        RateLimited = false,
        ReceiveEphemeral = true,
        Msc2409PushEphemeral = true,
    };
}
