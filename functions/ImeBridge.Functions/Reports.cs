using ImeBridge.Hosting.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace ImeBridge.Functions;

/// <summary>The report writer's submissions and the referrer's review (see <see cref="ReportSubmissionApi"/> and <see cref="ReportReviewApi"/>).</summary>
public sealed class Reports(ReportSubmissionApi submissions, ReportReviewApi reviews)
{
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
