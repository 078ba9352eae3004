using ImeBridge.Hosting.Outbound;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace ImeBridge.Functions;

/// <summary>
/// An operator serves a report recipient again or records serving it by hand (see <see cref="ReportRecipientOpsApi"/>),
/// with the operator token.
/// </summary>
public sealed class OperationsReportRecipients(ReportRecipientOpsApi api)
{
    [Function("OpsReserveReportRecipient")]
    public Task<IResult> ReserveAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "ops/referrals/{referralId}/report-recipients/{recipientKey}/reserve")] HttpRequest request,
        string referralId,
        string recipientKey,
        CancellationToken cancellationToken) =>
        api.ReserveAsync(request, referralId, recipientKey, cancellationToken);

    [Function("OpsMarkReportRecipientServed")]
    public Task<IResult> MarkServedAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "ops/referrals/{referralId}/report-recipients/{recipientKey}/mark-served")] HttpRequest request,
        string referralId,
        string recipientKey,
        CancellationToken cancellationToken) =>
        api.MarkServedAsync(request, referralId, recipientKey, cancellationToken);
}
