using ImeBridge.Hosting.Outbound;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace ImeBridge.Functions;

/// <summary>
/// The report delivery routes (see <see cref="ReportLinkApi"/> and <see cref="ProofOfServiceApi"/>): a recipient
/// downloads the served report by its link; an operator or the referral's partner reads the proof of service.
/// </summary>
public sealed class ReportDelivery(ReportLinkApi links, ProofOfServiceApi proofs)
{
    [Function("DownloadServedReport")]
    public Task<IResult> DownloadAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "report-links/{token}")] HttpRequest request,
        string token,
        CancellationToken cancellationToken) =>
        links.DownloadAsync(request, token, cancellationToken);

    [Function("OpsProofOfService")]
    public Task<IResult> OpsProofAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ops/referrals/{referralId}/proof-of-service")] HttpRequest request,
        string referralId,
        CancellationToken cancellationToken) =>
        proofs.ForOperatorAsync(request, referralId, cancellationToken);

    [Function("PartnerProofOfService")]
    public Task<IResult> PartnerProofAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "referrals/{referralId}/proof-of-service")] HttpRequest request,
        string referralId,
        CancellationToken cancellationToken) =>
        proofs.ForPartnerAsync(request, referralId, cancellationToken);
}
