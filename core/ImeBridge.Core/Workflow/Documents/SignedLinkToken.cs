using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ImeBridge.Core.Workflow.Documents;

/// <summary>
/// The token of every link ImeBridge hands out (packets, reports): <c>base64url(referralId \n linkId \n expiry)</c> "."
/// <c>base64url(HMAC-SHA256(key, purpose + …))</c>. The 256-bit signature makes it unguessable and tamper-evident, the
/// expiry is inside what is signed, and the purpose keeps a token of one kind from opening a link of another.
/// </summary>
public static class SignedLinkToken
{
    private const int MaxTokenLength = 1024;

    public static string Create(byte[] key, byte[] purpose, string referralId, string linkId, DateTimeOffset expiresAt)
    {
        var payload = Encoding.UTF8.GetBytes(string.Join('\n', referralId, linkId, expiresAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)));
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(Sign(key, purpose, payload));
    }

    /// <summary>What a token says when its signature is good; false for anything unknown, malformed or tampered with.</summary>
    public static bool TryRead(byte[] key, byte[] purpose, string? token, out string referralId, out string linkId, out DateTimeOffset expiresAt)
    {
        (referralId, linkId, expiresAt) = (string.Empty, string.Empty, default);
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength || token.Split('.') is not [var payloadText, var signatureText])
        {
            return false;
        }

        byte[] payload;
        byte[] signature;
        try
        {
            payload = Base64Url.DecodeFromChars(payloadText);
            signature = Base64Url.DecodeFromChars(signatureText);
        }
        catch (FormatException)
        {
            return false;
        }

        if (!CryptographicOperations.FixedTimeEquals(signature, Sign(key, purpose, payload))
            || Encoding.UTF8.GetString(payload).Split('\n') is not [var referral, var link, var expiry]
            || !long.TryParse(expiry, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresMs))
        {
            return false;
        }

        (referralId, linkId, expiresAt) = (referral, link, DateTimeOffset.FromUnixTimeMilliseconds(expiresMs));
        return true;
    }

    /// <summary>A random 128-bit link id.</summary>
    public static string NewLinkId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Whole milliseconds: the token carries the expiry at that precision, and what is stored must say the same.</summary>
    public static DateTimeOffset ExpiryAfter(DateTimeOffset now, TimeSpan lifetime) =>
        DateTimeOffset.FromUnixTimeMilliseconds((now + lifetime).ToUnixTimeMilliseconds());

    private static byte[] Sign(byte[] key, byte[] purpose, byte[] payload) => HMACSHA256.HashData(key, (byte[])[.. purpose, .. payload]);
}
