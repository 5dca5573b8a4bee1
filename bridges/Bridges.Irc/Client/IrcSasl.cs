using System.Text;

namespace Bridges.Irc.Client;

/// <summary>SASL payload encoding for <c>AUTHENTICATE</c> (sasl-3.1.md): base64, 400-byte chunks, <c>+</c> for
/// an empty response or after a final chunk of exactly 400 bytes.</summary>
internal static class IrcSasl
{
    public const int ChunkSize = 400;

    /// <summary>RFC 4616 PLAIN message: <c>authzid NUL authcid NUL password</c>.</summary>
    public static byte[] PlainPayload(string authzid, string authcid, IrcSecret password)
    {
        ArgumentNullException.ThrowIfNull(authzid);
        ArgumentNullException.ThrowIfNull(authcid);
        ArgumentNullException.ThrowIfNull(password);
        return Encoding.UTF8.GetBytes($"{authzid}\0{authcid}\0{password.Reveal()}");
    }

    /// <summary>The AUTHENTICATE parameters that carry <paramref name="payload"/>.</summary>
    public static IReadOnlyList<string> Chunks(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return ["+"];
        }

        var b64 = Convert.ToBase64String(payload);
        var chunks = new List<string>((b64.Length / ChunkSize) + 2);
        for (var i = 0; i < b64.Length; i += ChunkSize)
        {
            chunks.Add(b64.Substring(i, Math.Min(ChunkSize, b64.Length - i)));
        }

        if (chunks[^1].Length == ChunkSize)
        {
            chunks.Add("+");
        }

        return chunks;
    }
}
