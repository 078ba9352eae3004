using ImeBridge.Core.Partners;
using ImeBridge.Core.Ports;
using Microsoft.AspNetCore.Http;

namespace ImeBridge.Hosting;

/// <summary>
/// The check every partner route on one referral makes: <c>Authorization: Bearer &lt;apiToken&gt;</c> names a partner,
/// and the referral is that partner's. Another partner's referral gets the same 404 as one that does not exist, so
/// existence is not revealed.
/// </summary>
public sealed class PartnerReferralAccess(IPartnerDirectory partners, IReferralStore store)
{
    public async Task<PartnerReferralRead> ReadAsync(HttpRequest request, string referralId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = BearerToken.From(request.Headers.Authorization.ToString());
        if (token is null)
        {
            return PartnerReferralRead.Refused(ProblemResults.BearerTokenRequired(tokenWasSent: false), "no token");
        }

        if (partners.FindByApiToken(token) is not { } partner)
        {
            return PartnerReferralRead.Refused(ProblemResults.BearerTokenRequired(tokenWasSent: true), "unknown token");
        }

        var stored = await store.GetAsync(referralId, cancellationToken);
        return stored is null || !string.Equals(stored.PartnerId, partner.Id, StringComparison.Ordinal)
            ? PartnerReferralRead.Refused(ProblemResults.ReferralNotFound(referralId), stored is null ? "not found" : "not found (other partner)")
            : new PartnerReferralRead(partner, stored, null, "found");
    }
}

/// <summary>The partner and its referral, or the answer to give instead (<see cref="Refusal"/>) and, for the log, why.</summary>
public sealed record PartnerReferralRead(Partner? Partner, StoredReferral? Referral, IResult? Refusal, string Outcome)
{
    public static PartnerReferralRead Refused(IResult refusal, string outcome) => new(null, null, refusal, outcome);
}
