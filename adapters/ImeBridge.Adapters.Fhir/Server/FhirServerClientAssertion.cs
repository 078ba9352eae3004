using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ImeBridge.Adapters.Fhir.Server;

/// <summary>
/// The signed JWT of SMART Backend Services (private_key_jwt): header alg, kid, typ JWT; claims iss = sub = client id,
/// aud = token URL, exp four minutes ahead (the spec allows at most five), iat, and a random jti.
/// </summary>
internal static class FhirServerClientAssertion
{
    public const string Type = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(4);

    public static string Create(FhirServerAuthOptions auth, FhirServerSigningKey key, DateTimeOffset now)
    {
        var header = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["alg"] = key.Algorithm,
            ["kid"] = auth.KeyId ?? string.Empty,
            ["typ"] = "JWT",
        });
        var claims = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = auth.ClientId!,
            ["sub"] = auth.ClientId!,
            ["aud"] = auth.TokenUrl!.AbsoluteUri,
            ["exp"] = (now + Lifetime).ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["jti"] = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)),
        });
        var signingInput = $"{Base64Url.EncodeToString(header)}.{Base64Url.EncodeToString(claims)}";
        var signature = key.Sign(Encoding.ASCII.GetBytes(signingInput));
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }
}
