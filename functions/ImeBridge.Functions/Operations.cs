using ImeBridge.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace ImeBridge.Functions;

/// <summary>The operator API under <c>/api/ops</c> (see <see cref="OpsApi"/>), with the operator token.</summary>
public sealed class Operations(OpsApi api)
{
    [Function("OpsListReferrals")]
    public Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ops/referrals")] HttpRequest request,
        CancellationToken cancellationToken) =>
        api.ListAsync(request, cancellationToken);

    [Function("OpsGetReferral")]
    public Task<IResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ops/referrals/{referralId}")] HttpRequest request,
        string referralId,
        CancellationToken cancellationToken) =>
        api.GetAsync(request, referralId, cancellationToken);

    [Function("OpsTransitionReferral")]
    public Task<IResult> TransitionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "ops/referrals/{referralId}/transitions")] HttpRequest request,
        string referralId,
        CancellationToken cancellationToken) =>
        api.TransitionAsync(request, referralId, cancellationToken);

    [Function("OpsDeadLetters")]
    public Task<IResult> DeadLettersAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ops/dead-letters")] HttpRequest request,
        CancellationToken cancellationToken) =>
        api.DeadLettersAsync(request, cancellationToken);

    [Function("OpsReplayDeadLetter")]
    public Task<IResult> ReplayDeadLetterAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "ops/dead-letters/{sequenceNumber:long}/replay")] HttpRequest request,
        long sequenceNumber,
        CancellationToken cancellationToken) =>
        api.ReplayDeadLetterAsync(request, sequenceNumber, cancellationToken);
}
