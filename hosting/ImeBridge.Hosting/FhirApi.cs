using ImeBridge.Adapters.Fhir;
using ImeBridge.Core.Intake;
using ImeBridge.Core.Partners;
using ImeBridge.Core.Ports;
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
    ReferralIntake intake,
    IDocumentStore documents,
    IOptions<ImeBridgeOptions> options,
    ILogger<FhirApi> logger)
{
    public const string Channel = "fhir";

    public async Task<IResult> ReceiveAsync(HttpRequest request, string? expectedResourceType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = BearerToken.From(request.Headers.Authorization.ToString());
        var partner = token is null ? null : partners.FindByApiToken(token);
        if (partner is null)
        {
            return FhirOutcome.Error(StatusCodes.Status401Unauthorized, "security", "Send Authorization: Bearer <apiToken> of a configured partner.");
        }

        if (FormatOf(request.ContentType) is not { } format)
        {
            return FhirOutcome.Error(StatusCodes.Status415UnsupportedMediaType, "not-supported", "Send application/fhir+json or application/fhir+xml.");
        }

        var maxBytes = options.Value.MaxBodyBytes;
        byte[]? body;
        try
        {
            body = request.ContentLength > maxBytes ? null : await BoundedBodyReader.ReadAsync(request.Body, maxBytes, request.ContentLength, cancellationToken);
        }
        catch (BadHttpRequestException)
        {
            body = null;
        }

        if (body is null)
        {
            return FhirOutcome.Error(StatusCodes.Status413PayloadTooLarge, "too-costly", $"The body must not exceed {maxBytes} bytes.");
        }

        var results = FhirReferralReader.Read(body, format);
        if (expectedResourceType is not null && results.Any(r => r.ServiceRequestPath.StartsWith("Bundle", StringComparison.Ordinal)))
        {
            return FhirOutcome.Result(StatusCodes.Status400BadRequest, [new FhirOutcome.Issue("error", "invalid", $"This endpoint takes a {expectedResourceType}; post Bundles to /api/fhir.", "Bundle")]);
        }

        var kept = await documents.PutAsync(body, format == FhirFormat.Xml ? "application/fhir+xml" : "application/fhir+json", cancellationToken);
        var issues = new List<FhirOutcome.Issue>();
        string? firstReferral = null;
        foreach (var result in results)
        {
            if (!result.IsReferral)
            {
                issues.AddRange(FhirOutcome.Errors(result.Errors));
                continue;
            }

            foreach (var attachment in result.Attachments)
            {
                await documents.PutAsync(attachment.Content, attachment.ContentType, cancellationToken);
            }

            var taken = await intake.AcceptJsonAsync(
                new IntakeRequest(Channel, partner.Id, DeliveryId: null, "application/json", result.ReferralJson),
                partner,
                kept,
                cancellationToken);
            switch (taken)
            {
                case IntakeAccepted accepted:
                    firstReferral ??= accepted.ReferralId;
                    issues.Add(new FhirOutcome.Issue(
                        "information",
                        "informational",
                        $"{(accepted.Duplicate ? "already received as" : "accepted as")} referral {accepted.ReferralId}",
                        result.ServiceRequestPath));
                    break;
                case IntakeRejected rejected:
                    issues.AddRange(rejected.Errors.Select(e => new FhirOutcome.Issue(
                        "error",
                        "invalid",
                        $"{e.Path}: {e.Reason} (kept as rejection {rejected.RejectionId})",
                        result.ServiceRequestPath)));
                    break;
            }
        }

        logger.LogInformation(
            "FHIR post from partner {PartnerId}: {ServiceRequests} ServiceRequests, {Referrals} taken in",
            partner.Id,
            results.Count,
            issues.Count(i => i.Severity == "information"));
        return firstReferral is null
            ? FhirOutcome.Result(StatusCodes.Status400BadRequest, issues)
            : FhirOutcome.Result(StatusCodes.Status202Accepted, issues, "/api/referrals/" + firstReferral);
    }

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
