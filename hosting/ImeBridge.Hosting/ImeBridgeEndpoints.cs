using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using ImeBridge.Hosting.Engines;
using ImeBridge.Hosting.Outbound;
using ImeBridge.Hosting.Workflow;

namespace ImeBridge.Hosting;

/// <summary>Maps the public HTTP surface of CONTRACT.md onto <see cref="ReferralApi"/> (used by <c>imebridge serve</c>).</summary>
public static class ImeBridgeEndpoints
{
    public static IEndpointRouteBuilder MapImeBridgeApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost(
                "/api/partners/{partnerId}/referrals",
                (HttpRequest request, string partnerId, [FromServices] ReferralApi api, CancellationToken cancellationToken) =>
                    api.ReceivePartnerReferralAsync(request, partnerId, cancellationToken))
            .WithName("ReceivePartnerReferral");
        app.MapGet(
                "/api/referrals/{referralId}",
                (HttpRequest request, string referralId, [FromServices] ReferralApi api, CancellationToken cancellationToken) =>
                    api.GetReferralAsync(request, referralId, cancellationToken))
            .WithName("GetReferral");
        app.MapPost(
                "/api/email/inbound",
                (HttpRequest request, [FromServices] InboundEmailApi api, CancellationToken cancellationToken) =>
                    api.ReceiveAsync(request, cancellationToken))
            .WithName("ReceiveInboundEmail")
            .DisableAntiforgery();
        app.MapPost(
                "/api/fhir",
                (HttpRequest request, [FromServices] FhirApi api, CancellationToken cancellationToken) =>
                    api.ReceiveAsync(request, expectedResourceType: null, cancellationToken))
            .WithName("ReceiveFhirBundle");
        app.MapPost(
                "/api/fhir/ServiceRequest",
                (HttpRequest request, [FromServices] FhirApi api, CancellationToken cancellationToken) =>
                    api.ReceiveAsync(request, "ServiceRequest", cancellationToken))
            .WithName("ReceiveFhirServiceRequest");
        app.MapPost(
                "/api/fhir/notifications",
                (HttpRequest request, [FromServices] FhirApi api, CancellationToken cancellationToken) =>
                    api.ReceiveNotificationAsync(request, cancellationToken))
            .WithName("ReceiveFhirNotification");
        var ops = app.MapGroup("/api/ops");
        ops.MapGet("/referrals", (HttpRequest request, [FromServices] OpsApi api, CancellationToken cancellationToken) => api.ListAsync(request, cancellationToken))
            .WithName("OpsListReferrals");
        ops.MapGet("/referrals/{referralId}", (HttpRequest request, string referralId, [FromServices] OpsApi api, CancellationToken cancellationToken) => api.GetAsync(request, referralId, cancellationToken))
            .WithName("OpsGetReferral");
        ops.MapPost("/referrals/{referralId}/transitions", (HttpRequest request, string referralId, [FromServices] OpsApi api, CancellationToken cancellationToken) => api.TransitionAsync(request, referralId, cancellationToken))
            .WithName("OpsTransitionReferral");
        ops.MapPost("/experts", (HttpRequest request, [FromServices] OpsExpertsApi api, CancellationToken cancellationToken) => api.ImportAsync(request, cancellationToken))
            .WithName("OpsImportExperts");
        ops.MapGet("/experts", (HttpRequest request, [FromServices] OpsExpertsApi api, CancellationToken cancellationToken) => api.ListAsync(request, cancellationToken))
            .WithName("OpsListExperts");
        ops.MapGet("/experts/{expertId}", (HttpRequest request, string expertId, [FromServices] OpsExpertsApi api, CancellationToken cancellationToken) => api.GetAsync(request, expertId, cancellationToken))
            .WithName("OpsGetExpert");
        ops.MapDelete("/experts/{expertId}", (HttpRequest request, string expertId, [FromServices] OpsExpertsApi api, CancellationToken cancellationToken) => api.RemoveAsync(request, expertId, cancellationToken))
            .WithName("OpsRemoveExpert");
        ops.MapGet("/dead-letters", (HttpRequest request, [FromServices] OpsApi api, CancellationToken cancellationToken) => api.DeadLettersAsync(request, cancellationToken))
            .WithName("OpsDeadLetters");
        ops.MapPost("/dead-letters/{sequenceNumber:long}/replay", (HttpRequest request, long sequenceNumber, [FromServices] OpsApi api, CancellationToken cancellationToken) => api.ReplayDeadLetterAsync(request, sequenceNumber, cancellationToken))
            .WithName("OpsReplayDeadLetter");
        app.MapDocumentsApi();
        app.MapSchedulingApi();
        app.MapReportsApi();
        app.MapLinkingApi();
        app.MapClaimantMessagingApi();
        app.MapSmsApi();
        app.MapEmailApi();
        app.MapPartnerWebhooksApi();
        app.MapReportDeliveryApi();
        app.MapOutboxRefusedOpsApi();
        app.MapGet("/health", ([FromServices] EngineHealth health, CancellationToken cancellationToken) => health.HealthAsync(cancellationToken))
            .WithName("Health");
        return app;
    }
}
