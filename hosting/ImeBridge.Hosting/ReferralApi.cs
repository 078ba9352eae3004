using ImeBridge.Adapters.Webhooks;
using ImeBridge.Core.Intake;
using ImeBridge.Core.Json;
using ImeBridge.Core.Partners;
using ImeBridge.Core.Ports;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImeBridge.Hosting;

/// <summary>
/// The HTTP handlers, shared by <c>imebridge serve</c> (through <see cref="ImeBridgeEndpoints"/>) and the
/// Azure Functions app (which calls them directly). Logs ids, statuses, counts and durations only.
/// </summary>
public sealed class ReferralApi(
    IPartnerDirectory partners,
    ReferralIntake intake,
    PartnerReferralAccess access,
    IOptions<ImeBridgeOptions> options,
    TimeProvider time,
    ILogger<ReferralApi> logger)
{
    public const string WebhookChannel = "webhook";

    /// <summary>The path a referral is read back from; the same under both hosts.</summary>
    public static string ReferralLocation(string referralId) => "/api/referrals/" + Uri.EscapeDataString(referralId);

    /// <summary><c>POST /api/partners/{partnerId}/referrals</c>: a Standard Webhooks–signed canonical referral.</summary>
    public async Task<IResult> ReceivePartnerReferralAsync(HttpRequest request, string partnerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = time.GetTimestamp();
        var (result, outcome) = await ReceiveAsync(request, partnerId, cancellationToken);
        logger.LogDebug(
            "Partner referral for partner {PartnerId}: {StatusCode} {Outcome} in {ElapsedMs:0.0} ms",
            partnerId,
            (result as IStatusCodeHttpResult)?.StatusCode,
            outcome,
            time.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    /// <summary><c>GET /api/referrals/{referralId}</c>: the referral and its timeline, for the partner that sent it.</summary>
    public async Task<IResult> GetReferralAsync(HttpRequest request, string referralId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = time.GetTimestamp();
        var (result, outcome) = await ReadAsync(request, referralId, cancellationToken);
        logger.LogDebug(
            "Referral read of {ReferralId}: {StatusCode} {Outcome} in {ElapsedMs:0.0} ms",
            referralId,
            (result as IStatusCodeHttpResult)?.StatusCode,
            outcome,
            time.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    private async Task<(IResult Result, string Outcome)> ReceiveAsync(HttpRequest request, string partnerId, CancellationToken cancellationToken)
    {
        var partner = partners.Find(partnerId);
        if (partner is null)
        {
            return (ProblemResults.UnknownPartner(partnerId), "unknown partner");
        }

        var maxBytes = options.Value.MaxBodyBytes;
        if (request.ContentLength > maxBytes)
        {
            return (ProblemResults.PayloadTooLarge(maxBytes), "too large (content-length)");
        }

        if (!JsonMediaType.IsJson(request.ContentType))
        {
            return (ProblemResults.UnsupportedMediaType(), "unsupported media type");
        }

        byte[]? body;
        try
        {
            body = await BoundedBodyReader.ReadAsync(request.Body, maxBytes, request.ContentLength, cancellationToken);
        }
        catch (BadHttpRequestException ex)
        {
            return ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? (ProblemResults.PayloadTooLarge(maxBytes), "too large (server limit)")
                : (ProblemResults.BadRequestBody(), "unreadable body");
        }

        if (body is null)
        {
            return (ProblemResults.PayloadTooLarge(maxBytes), "too large (read)");
        }

        var webhookId = request.Headers[StandardWebhookHeaderNames.Id].ToString();
        var verification = new StandardWebhookVerifier(partner.WebhookSecret, time).Verify(
            webhookId,
            request.Headers[StandardWebhookHeaderNames.Timestamp].ToString(),
            string.Join(' ', request.Headers[StandardWebhookHeaderNames.Signature].ToArray()),
            body);
        if (!verification.IsValid)
        {
            return (ProblemResults.SignatureRejected(verification), "signature: " + verification.Status);
        }

        var intakeRequest = new IntakeRequest(WebhookChannel, partner.Id, webhookId, request.ContentType!, body);
        var intakeResult = await intake.AcceptJsonAsync(intakeRequest, partner, cancellationToken);
        return intakeResult switch
        {
            IntakeAccepted { Duplicate: false } accepted => (
                TypedResults.Accepted(ReferralLocation(accepted.ReferralId), new ReferralAcceptedResponse(accepted.ReferralId, accepted.Status)),
                "accepted " + accepted.ReferralId),
            IntakeAccepted duplicate => (
                new ResultWithHeader(
                    TypedResults.Ok(new ReferralAcceptedResponse(duplicate.ReferralId, duplicate.Status)),
                    "Location",
                    ReferralLocation(duplicate.ReferralId)),
                "duplicate of " + duplicate.ReferralId),
            IntakeRejected rejected => (ProblemResults.InvalidReferral(rejected), $"rejected {rejected.RejectionId} with {rejected.Errors.Count} errors"),
            _ => throw new InvalidOperationException("Unknown intake result " + intakeResult.GetType().Name),
        };
    }

    private async Task<(IResult Result, string Outcome)> ReadAsync(HttpRequest request, string referralId, CancellationToken cancellationToken)
    {
        var read = await access.ReadAsync(request, referralId, cancellationToken);
        if (read is not { Partner: { } partner, Referral: { } stored })
        {
            return (read.Refusal!, read.Outcome);
        }

        var view = ReferralView.From(stored);
        return (TypedResults.Json(view, ReferralJson.Options, statusCode: StatusCodes.Status200OK), $"read by partner {partner.Id}");
    }
}
