using ImeBridge.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace ImeBridge.Functions;

/// <summary><c>POST /api/partners/{partnerId}/referrals</c>: a partner's signed referral (see <see cref="ReferralApi"/>).</summary>
public sealed class ReceivePartnerReferral(ReferralApi api)
{
    public const string Route = "partners/{partnerId}/referrals";

    [Function(nameof(ReceivePartnerReferral))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest request,
        string partnerId,
        CancellationToken cancellationToken) =>
        api.ReceivePartnerReferralAsync(request, partnerId, cancellationToken);
}
