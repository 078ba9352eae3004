using ImeBridge.Adapters.Fhir;
using ImeBridge.Adapters.Fhir.Intake;
using ImeBridge.Adapters.Fhir.Notifications;
using ImeBridge.Adapters.Fhir.Server;
using ImeBridge.Core.Partners;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImeBridge.Hosting;

/// <summary>
/// <c>POST /api/fhir</c> (a Bundle) and <c>POST /api/fhir/ServiceRequest</c>: FHIR R4 referrals in JSON or XML, from the
/// partner whose bearer token is sent. The body is kept once; each ServiceRequest in it stands alone, like a batch row:
/// mapped (see docs/fhir-mapping.md) and taken in through the same intake as every channel. Answers are
/// <c>OperationOutcome</c>s: 202 when at least one ServiceRequest became a referral (an information issue per
/// referral, at its ServiceRequest's FHIRPath), 400 when none did (an error issue per problem).
/// </summary>
public sealed class FhirApi(
    IPartnerDirectory partners,
    FhirReferralIntake intake,
    FhirNotifications notifications,
    IOptions<ImeBridgeOptions> options,
    ILogger<FhirApi> logger)
{
    public const string Channel = FhirChannel.Name;

    public async Task<IResult> ReceiveAsync(HttpRequest request, string? expectedResourceType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var partner = PartnerOf(request);
        if (partner is null)
        {
            return Unauthorized();
        }

        if (FormatOf(request.ContentType) is not { } format)
        {
            return UnsupportedMediaType();
        }

        var body = await ReadBodyAsync(request, cancellationToken);
        if (body is null)
        {
            return TooLarge();
        }

        IReadOnlyList<FhirReferralResult> results;
        try
        {
            results = await intake.ReadAsync(partner, body, format, cancellationToken);
        }
        catch (FhirServerException ex)
        {
            logger.LogWarning("FHIR post from partner {PartnerId}: its FHIR server could not be read ({Failure})", partner.Id, ex.Message);
            return FhirOutcome.Error(
                StatusCodes.Status503ServiceUnavailable,
                "transient",
                "The ServiceRequest references resources on your FHIR server, which could not be read just now; send it again later.");
        }

        if (expectedResourceType is not null && results.Any(r => r.ServiceRequestPath.StartsWith("Bundle", StringComparison.Ordinal)))
        {
            return FhirOutcome.Result(StatusCodes.Status400BadRequest, [new FhirOutcome.Issue("error", "invalid", $"This endpoint takes a {expectedResourceType}; post Bundles to /api/fhir.", "Bundle")]);
        }

        var report = await intake.TakeAsync(partner, results, body, format, FhirIntakeOrigin.Posted, cancellationToken);
        var issues = report.Items.SelectMany(Issues).ToList();
        var firstReferral = report.Items.FirstOrDefault(i => i.ReferralId is not null)?.ReferralId;
        return firstReferral is null
            ? FhirOutcome.Result(StatusCodes.Status400BadRequest, issues)
            : FhirOutcome.Result(StatusCodes.Status202Accepted, issues, "/api/referrals/" + firstReferral);
    }

    /// <summary>
    /// <c>POST /api/fhir/notifications</c>: a subscription rest-hook notification from the partner's server (empty,
    /// id-only or full-resource), sent with the partner's bearer token as the Subscription's channel header. Answered
    /// at once: 202 once queued, 400 when the body is not a notification.
    /// </summary>
    public async Task<IResult> ReceiveNotificationAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var partner = PartnerOf(request);
        if (partner is null)
        {
            return Unauthorized();
        }

        var format = string.IsNullOrWhiteSpace(request.ContentType) ? FhirFormat.Json : FormatOf(request.ContentType);
        if (format is null)
        {
            return UnsupportedMediaType();
        }

        var body = await ReadBodyAsync(request, cancellationToken);
        if (body is null)
        {
            return TooLarge();
        }

        var errors = await notifications.AcceptAsync(partner.Id, body, format, cancellationToken);
        if (errors.Count > 0)
        {
            return FhirOutcome.Result(StatusCodes.Status400BadRequest, FhirOutcome.Errors(errors).ToList());
        }

        logger.LogInformation("FHIR notification from partner {PartnerId} queued ({Bytes} bytes)", partner.Id, body.Length);
        return FhirOutcome.Result(StatusCodes.Status202Accepted, [new FhirOutcome.Issue("information", "informational", "notification received", null)]);
    }

    private static IEnumerable<FhirOutcome.Issue> Issues(FhirTaken taken)
    {
        if (taken.ReferralId is { } referralId)
        {
            return [new FhirOutcome.Issue("information", "informational", $"{(taken.Duplicate ? "already received as" : "accepted as")} referral {referralId}", taken.ServiceRequestPath)];
        }

        return taken.RefusedByMapping
            ? FhirOutcome.Errors(taken.Errors)
            : taken.Errors.Select(e => new FhirOutcome.Issue("error", "invalid", $"{e.Path}: {e.Reason} (kept as rejection {taken.RejectionId})", taken.ServiceRequestPath));
    }

    private Partner? PartnerOf(HttpRequest request)
    {
        var token = BearerToken.From(request.Headers.Authorization.ToString());
        return token is null ? null : partners.FindByApiToken(token);
    }

    private async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var maxBytes = options.Value.MaxBodyBytes;
        try
        {
            return request.ContentLength > maxBytes ? null : await BoundedBodyReader.ReadAsync(request.Body, maxBytes, request.ContentLength, cancellationToken);
        }
        catch (BadHttpRequestException)
        {
            return null;
        }
    }

    private static IResult Unauthorized() =>
        FhirOutcome.Error(StatusCodes.Status401Unauthorized, "security", "Send Authorization: Bearer <apiToken> of a configured partner.");

    private static IResult UnsupportedMediaType() =>
        FhirOutcome.Error(StatusCodes.Status415UnsupportedMediaType, "not-supported", "Send application/fhir+json or application/fhir+xml.");

    private IResult TooLarge() =>
        FhirOutcome.Error(StatusCodes.Status413PayloadTooLarge, "too-costly", $"The body must not exceed {options.Value.MaxBodyBytes} bytes.");

    private static FhirFormat? FormatOf(string? contentType)
    {
        var mediaType = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        return mediaType switch
        {
            "application/fhir+json" or "application/json" => FhirFormat.Json,
            "application/fhir+xml" or "application/xml" or "text/xml" => FhirFormat.Xml,
            _ => null,
        };
    }
}
