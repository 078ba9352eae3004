using ImeBridge.Core.Outbound.ReportDelivery;
using ImeBridge.Core.Ports;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Hosting.Outbound;

/// <summary>
/// The proof of service of a referral's approved reports: <c>GET /api/ops/referrals/{id}/proof-of-service</c> for
/// operators and <c>GET /api/referrals/{id}/proof-of-service</c> for the referral's own partner (another partner's
/// referral is 404). JSON by default; <c>?format=text</c> gives a certificate of service to print and sign.
/// Addresses are masked in both.
/// </summary>
public sealed class ProofOfServiceApi(
    IReferralStore store,
    IProofOfServiceStore proofs,
    ReportRecipientRules rules,
    OperatorAuth operatorAuth,
    PartnerReferralAccess partnerAccess,
    TimeProvider time,
    ILogger<ProofOfServiceApi> logger)
{
    public async Task<IResult> ForOperatorAsync(HttpRequest request, string referralId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (operatorAuth.Refuse(request) is { } refused)
        {
            return refused;
        }

        var stored = await store.GetAsync(referralId, cancellationToken);
        return stored is null
            ? ProblemResults.ReferralNotFound(referralId)
            : await AnswerAsync(request, stored, cancellationToken);
    }

    public async Task<IResult> ForPartnerAsync(HttpRequest request, string referralId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var read = await partnerAccess.ReadAsync(request, referralId, cancellationToken);
        if (read.Refusal is { } refusal)
        {
            logger.LogInformation("Proof of service of {ReferralId} refused to a partner: {Outcome}", referralId, read.Outcome);
            return refusal;
        }

        return await AnswerAsync(request, read.Referral!, cancellationToken);
    }

    private async Task<IResult> AnswerAsync(HttpRequest request, StoredReferral stored, CancellationToken cancellationToken)
    {
        var format = request.Query["format"].ToString();
        if (format.Length > 0 && format is not ("json" or "text"))
        {
            return ReportDeliveryProblems.UnknownFormat(format);
        }

        var records = await proofs.ListAsync(stored.ReferralId, cancellationToken);
        var reports = ProofOfService.From(stored.ReferralId, stored.Referral.Claim.Jurisdiction, records, rules);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        if (format == "text")
        {
            var now = time.GetUtcNow();
            var text = reports.Count == 0
                ? $"No approved report of referral {stored.ReferralId} has been served yet.\n"
                : string.Join("\n\n", reports.Select(p => ProofOfServiceCertificate.Render(p, stored.Referral.Claim.ClaimNumber, now)));
            return TypedResults.Text(text, "text/plain; charset=utf-8");
        }

        return TypedResults.Ok(new ProofOfServiceResponse(stored.ReferralId, stored.Status, reports));
    }
}

/// <summary>The proofs of service of a referral, one per approved report, with the referral's state.</summary>
public sealed record ProofOfServiceResponse(string ReferralId, string Status, IReadOnlyList<ProofOfService> Reports);
