using ImeBridge.Hosting.Outbound;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace ImeBridge.Functions;

/// <summary>The operators' alert list and a referral's outbound messages (see <see cref="OpsOutboundApi"/>), with the operator token.</summary>
public sealed class OperationsOutbound(OpsOutboundApi api)
{
    [Function("OpsListAlerts")]
    public Task<IResult> ListAlertsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ops/alerts")] HttpRequest request,
        CancellationToken cancellationToken) =>
        api.ListAlertsAsync(request, cancellationToken);

    [Function("OpsResolveAlert")]
    public Task<IResult> ResolveAlertAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "ops/alerts/{key}/resolve")] HttpRequest request,
        string key,
        CancellationToken cancellationToken) =>
        api.ResolveAlertAsync(request, key, cancellationToken);

    [Function("OpsListReferralMessages")]
    public Task<IResult> ListMessagesAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ops/referrals/{referralId}/messages")] HttpRequest request,
        string referralId,
        CancellationToken cancellationToken) =>
        api.ListMessagesAsync(request, referralId, cancellationToken);
}
