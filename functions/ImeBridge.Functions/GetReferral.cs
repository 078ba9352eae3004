using ImeBridge.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace ImeBridge.Functions;

/// <summary><c>GET /api/referrals/{referralId}</c>: a referral and its timeline, for the partner that sent it (bearer token).</summary>
public sealed class GetReferral(ReferralApi api)
{
    public const string Route = "referrals/{referralId}";

    [Function(nameof(GetReferral))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request,
        string referralId,
        CancellationToken cancellationToken) =>
        api.GetReferralAsync(request, referralId, cancellationToken);
}
