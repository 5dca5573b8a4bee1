using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Bridges.Matrix.AppService;

/// <summary>Checks a bearer token (header, or the deprecated <c>access_token</c> query) in constant time.</summary>
internal sealed class AccessTokenCheck
{
    private readonly byte[] _expectedHash;

    public AccessTokenCheck(string expected) => _expectedHash = SHA256.HashData(Encoding.UTF8.GetBytes(expected));

    public enum Outcome
    {
        Valid,
        Missing,
        Wrong,
    }

    public Outcome Check(HttpRequest request)
    {
        var token = ReadToken(request);
        if (token is null)
        {
            return Outcome.Missing;
        }

        // Comparing fixed-size hashes keeps the comparison constant-time and independent of the token's length.
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        return CryptographicOperations.FixedTimeEquals(hash, _expectedHash) ? Outcome.Valid : Outcome.Wrong;
    }

    private static string? ReadToken(HttpRequest request)
    {
        var header = request.Headers.Authorization;
        if (!StringValues.IsNullOrEmpty(header))
        {
            var value = header.ToString();
            const string prefix = "Bearer ";
            return value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? value[prefix.Length..].Trim() : string.Empty;
        }

        return request.Query.TryGetValue("access_token", out var query) && !StringValues.IsNullOrEmpty(query) ? query.ToString() : null;
    }
}
