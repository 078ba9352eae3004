using ImeBridge.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace ImeBridge.Functions;

/// <summary>
/// <c>POST /api/fhir</c> (a Bundle), <c>POST /api/fhir/ServiceRequest</c> and <c>POST /api/fhir/notifications</c>
/// (subscription rest-hooks): FHIR R4 referrals (see <see cref="FhirApi"/>).
/// </summary>
public sealed class ReceiveFhir(FhirApi api)
{
    public const string BundleRoute = "fhir";
    public const string ServiceRequestRoute = "fhir/ServiceRequest";
    public const string NotificationRoute = "fhir/notifications";

    [Function("ReceiveFhirBundle")]
    public Task<IResult> BundleAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = BundleRoute)] HttpRequest request,
        CancellationToken cancellationToken) =>
        api.ReceiveAsync(request, expectedResourceType: null, cancellationToken);

    [Function("ReceiveFhirServiceRequest")]
    public Task<IResult> ServiceRequestAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ServiceRequestRoute)] HttpRequest request,
        CancellationToken cancellationToken) =>
        api.ReceiveAsync(request, "ServiceRequest", cancellationToken);

    [Function("ReceiveFhirNotification")]
    public Task<IResult> NotificationAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = NotificationRoute)] HttpRequest request,
        CancellationToken cancellationToken) =>
        api.ReceiveNotificationAsync(request, cancellationToken);
}
