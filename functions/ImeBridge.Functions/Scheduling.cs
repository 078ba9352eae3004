using ImeBridge.Hosting.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace ImeBridge.Functions;

/// <summary>The scheduling step's operator route (see <see cref="SchedulingOpsApi"/>), with the operator token.</summary>
public sealed class Scheduling(SchedulingOpsApi api)
{
    [Function("OpsScheduleReferralAgain")]
    public Task<IResult> RetryAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "ops/referrals/{referralId}/schedule")] HttpRequest request,
        string referralId,
        CancellationToken cancellationToken) =>
        api.RetryAsync(request, referralId, cancellationToken);
}
