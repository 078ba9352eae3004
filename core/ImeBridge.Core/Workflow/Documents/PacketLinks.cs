using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.Options;

namespace ImeBridge.Core.Workflow.Documents;

/// <summary>
/// Packet links: <c>/api/packets/{token}</c>, where the token is <c>base64url(referralId \n linkId \n expiry)</c> "."
/// <c>base64url(HMAC-SHA256(key, …))</c>. The 256-bit signature makes it unguessable and tamper-evident; the expiry is
/// inside what is signed; the random link id, kept in the case, lets a new link retire the old one. The case holds the
/// id and expiry only, so whoever reads the database without the key cannot make a working link.
/// </summary>
public sealed class PacketLinks(PacketLinkKey key, IOptions<DocumentsOptions> options, TimeProvider time)
{
    public const string PathPrefix = "/api/packets/";

    private static readonly byte[] Purpose = Encoding.UTF8.GetBytes("imebridge packet link v1\n");

    /// <summary>A fresh link (random id) that expires after <see cref="DocumentsOptions.LinkLifetime"/>.</summary>
    public CasePacketLink NewLink(string issuedBy)
    {
        var now = time.GetUtcNow();
        // Whole milliseconds: the token carries the expiry at that precision, and the case must say the same.
        var expires = DateTimeOffset.FromUnixTimeMilliseconds((now + options.Value.LinkLifetime).ToUnixTimeMilliseconds());
        return new CasePacketLink(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), now, expires, issuedBy);
    }

    /// <summary>The path of the link in force for <paramref name="stored"/>, or null when it has none. Never log it.</summary>
    public string? PathFor(StoredReferral stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return stored.Case.Documents?.Link is { } link ? PathPrefix + TokenFor(stored.ReferralId, link) : null;
    }

    public string TokenFor(string referralId, CasePacketLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var payload = Encoding.UTF8.GetBytes(string.Join('\n', referralId, link.LinkId, link.ExpiresAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)));
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(Sign(payload));
    }

    /// <summary>What a token says, when its signature is good; null for anything unknown, malformed or tampered with.</summary>
    public PacketLinkClaims? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1024 || token.Split('.') is not [var payloadText, var signatureText])
        {
            return null;
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
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(signature, Sign(payload)))
        {
            return null;
        }

        return Encoding.UTF8.GetString(payload).Split('\n') is [var referralId, var linkId, var expiry]
            && long.TryParse(expiry, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresMs)
            ? new PacketLinkClaims(referralId, linkId, DateTimeOffset.FromUnixTimeMilliseconds(expiresMs))
            : null;
    }

    private byte[] Sign(byte[] payload) => HMACSHA256.HashData(key.Bytes, (byte[])[.. Purpose, .. payload]);
}

/// <summary>What a genuine token names: the referral, the link, and when it stops working.</summary>
public sealed record PacketLinkClaims(string ReferralId, string LinkId, DateTimeOffset ExpiresAt);
