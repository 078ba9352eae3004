using System.Text;
using ImeBridge.Core.Workflow.Documents;

namespace ImeBridge.Core.Outbound.ReportDelivery;

/// <summary>
/// Report links: <c>/api/report-links/{token}</c>, signed (<see cref="SignedLinkToken"/>) with the packet links' key
/// under another purpose, so a packet token is never a report token. The token carries the referral, a random
/// 128-bit link id (kept in the proof of service, which says which report and recipient it serves) and the expiry.
/// </summary>
public sealed class ReportLinks(PacketLinkKey key)
{
    public const string PathPrefix = "/api/report-links/";

    private static readonly byte[] Purpose = Encoding.UTF8.GetBytes("imebridge report link v1\n");

    public static string NewLinkId() => SignedLinkToken.NewLinkId();

    public static DateTimeOffset ExpiryAfter(DateTimeOffset now, TimeSpan lifetime) => SignedLinkToken.ExpiryAfter(now, lifetime);

    public string TokenFor(string referralId, string linkId, DateTimeOffset expiresAt) =>
        SignedLinkToken.Create(key.Bytes, Purpose, referralId, linkId, expiresAt);

    /// <summary>What a token says when its signature is good; null for anything unknown, malformed or tampered with.</summary>
    public ReportLinkClaims? Read(string? token) =>
        SignedLinkToken.TryRead(key.Bytes, Purpose, token, out var referralId, out var linkId, out var expiresAt)
            ? new ReportLinkClaims(referralId, linkId, expiresAt)
            : null;
}

/// <summary>What a genuine report token names.</summary>
public sealed record ReportLinkClaims(string ReferralId, string LinkId, DateTimeOffset ExpiresAt);
