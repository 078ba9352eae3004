using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace ImeBridge.Hosting;

/// <summary>Reads the token of an <c>Authorization: Bearer &lt;token&gt;</c> header.</summary>
internal static class BearerToken
{
    private const string Scheme = "Bearer ";

    public static string? From(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = authorization[Scheme.Length..].Trim();
        return token.Length == 0 ? null : token;
    }

    /// <summary>Whether <paramref name="request"/> carries <paramref name="expected"/> (trimmed) as its bearer token, compared in constant time.</summary>
    public static bool Matches(HttpRequest request, string expected)
    {
        var sent = From(request.Headers.Authorization.ToString());
        return sent is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(expected.Trim()));
    }
}
