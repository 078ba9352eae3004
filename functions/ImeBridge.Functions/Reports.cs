using ImeBridge.Hosting.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace ImeBridge.Functions;

/// <summary>The report writer's submissions, the referrer's reading and review (see <see cref="ReportSubmissionApi"/> and <see cref="ReportReviewApi"/>).</summary>
public sealed class Reports(ReportSubmissionApi submissions, ReportReviewApi reviews, ReportReadApi reads)
{
    [Function("ReadReport")]
    public Task<IResult> ReadAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "referrals/{referralId}/reports/{version:int}")] HttpRequest request,
        string referralId,
        int version,
        CancellationToken cancellationToken) =>
        reads.ReadAsync(request, referralId, version, cancellationToken);

    [Function("SubmitReport")]
    public Task<IResult> SubmitAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "reports")] HttpRequest request,
        CancellationToken cancellationToken) =>
        submissions.SubmitAsync(request, cancellationToken);

    [Function("ReviewReport")]
    public Task<IResult> ReviewAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "referrals/{referralId}/review")] HttpRequest request,
        string referralId,
        CancellationToken cancellationToken) =>
        reviews.ReviewAsync(request, referralId, cancellationToken);
}
