using System.Text;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.Options;

namespace ImeBridge.Core.Workflow.Documents;

/// <summary>
/// Packet links: <c>/api/packets/{token}</c> with a <see cref="SignedLinkToken"/>. The random link id, kept in the
/// case, lets a new link retire the old one. The case holds the id and expiry only, so whoever reads the database
/// without the key cannot make a working link.
/// </summary>
public sealed class PacketLinks(PacketLinkKey key, IOptions<DocumentsOptions> options, TimeProvider time)
{
    public const string PathPrefix = "/api/packets/";

    private static readonly byte[] Purpose = Encoding.UTF8.GetBytes("imebridge packet link v1\n");

    /// <summary>A fresh link (random id) that expires after <see cref="DocumentsOptions.LinkLifetime"/>.</summary>
    public CasePacketLink NewLink(string issuedBy)
    {
        var now = time.GetUtcNow();
        return new CasePacketLink(SignedLinkToken.NewLinkId(), now, SignedLinkToken.ExpiryAfter(now, options.Value.LinkLifetime), issuedBy);
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
        return SignedLinkToken.Create(key.Bytes, Purpose, referralId, link.LinkId, link.ExpiresAt);
    }

    /// <summary>What a token says, when its signature is good; null for anything unknown, malformed or tampered with.</summary>
    public PacketLinkClaims? Read(string? token) =>
        SignedLinkToken.TryRead(key.Bytes, Purpose, token, out var referralId, out var linkId, out var expiresAt)
            ? new PacketLinkClaims(referralId, linkId, expiresAt)
            : null;
}

/// <summary>What a genuine token names: the referral, the link, and when it stops working.</summary>
public sealed record PacketLinkClaims(string ReferralId, string LinkId, DateTimeOffset ExpiresAt);
