using System.Security.Cryptography;
using System.Text;

namespace Bridges.Core.Security;

/// <summary>
/// Encrypts small secrets a plugin keeps at rest (stored passwords, personal tokens): AES-256-GCM with a key derived by
/// HKDF-SHA256 from a configured key and a purpose, bound to associated data (e.g. the owner) so a sealed value copied
/// to another user's row does not open.
/// </summary>
public sealed class SecretBox
{
    private const string Version = "v1:";
    private readonly byte[] _key;

    /// <param name="key">The operator's key (any long random text).</param>
    /// <param name="purpose">Separates keys per use, so one configured key can serve several.</param>
    public SecretBox(Secret key, string purpose)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        if (key.IsEmpty)
        {
            throw new ArgumentException("The key is empty.", nameof(key));
        }

        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(key.Reveal()), 32, info: Encoding.UTF8.GetBytes(purpose));
    }

    /// <summary>Encrypts <paramref name="secret"/>; the result is text, safe to store anywhere.</summary>
    public string Seal(string secret, string associated)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var blob = new byte[12 + plain.Length + 16];
        RandomNumberGenerator.Fill(blob.AsSpan(0, 12));
        using var aes = new AesGcm(_key, 16);
        aes.Encrypt(blob.AsSpan(0, 12), plain, blob.AsSpan(12, plain.Length), blob.AsSpan(12 + plain.Length), Encoding.UTF8.GetBytes(associated));
        return Version + Convert.ToBase64String(blob);
    }

    /// <summary>The secret, or null when <paramref name="sealedValue"/> is missing, damaged, or sealed with another key or owner.</summary>
    public Secret? Open(string? sealedValue, string associated)
    {
        if (sealedValue is null || !sealedValue.StartsWith(Version, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var blob = Convert.FromBase64String(sealedValue[Version.Length..]);
            if (blob.Length < 28)
            {
                return null;
            }

            var plain = new byte[blob.Length - 28];
            using var aes = new AesGcm(_key, 16);
            aes.Decrypt(blob.AsSpan(0, 12), blob.AsSpan(12, plain.Length), blob.AsSpan(12 + plain.Length), plain, Encoding.UTF8.GetBytes(associated));
            return new Secret(Encoding.UTF8.GetString(plain));
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
