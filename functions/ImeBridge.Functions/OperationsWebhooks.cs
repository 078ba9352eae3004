using ImeBridge.Hosting.Outbound;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace ImeBridge.Functions;

/// <summary>Partner webhook subscriptions, the delivery log and replay under <c>/api/ops</c> (see <see cref="PartnerWebhooksOpsApi"/>), with the operator token.</summary>
public sealed class OperationsWebhooks(PartnerWebhooksOpsApi api)
{
    [Function("OpsListPartnerWebhooks")]
    public Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ops/partners/{partnerId}/webhooks")] HttpRequest request,
        string partnerId,
        CancellationToken cancellationToken) =>
        api.ListAsync(request, partnerId, cancellationToken);

    [Function("OpsAddPartnerWebhook")]
    public Task<IResult> CreateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "ops/partners/{partnerId}/webhooks")] HttpRequest request,
        string partnerId,
        CancellationToken cancellationToken) =>
        api.CreateAsync(request, partnerId, cancellationToken);

    [Function("OpsWebhookDeliveries")]
    public Task<IResult> DeliveriesAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ops/webhooks/deliveries")] HttpRequest request,
        CancellationToken cancellationToken) =>
        api.DeliveriesAsync(request, cancellationToken);

    [Function("OpsReplayWebhookDelivery")]
    public Task<IResult> ReplayOneAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "ops/webhooks/deliveries/{deliveryId}/replay")] HttpRequest request,
        string deliveryId,
        CancellationToken cancellationToken) =>
        api.ReplayOneAsync(request, deliveryId, cancellationToken);

    [Function("OpsGetWebhook")]
    public Task<IResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ops/webhooks/{subscriptionId}")] HttpRequest request,
        string subscriptionId,
        CancellationToken cancellationToken) =>
        api.GetAsync(request, subscriptionId, cancellationToken);

    [Function("OpsRemoveWebhook")]
    public Task<IResult> DeleteAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "ops/webhooks/{subscriptionId}")] HttpRequest request,
        string subscriptionId,
        CancellationToken cancellationToken) =>
        api.DeleteAsync(request, subscriptionId, cancellationToken);

    [Function("OpsEnableWebhook")]
    public Task<IResult> EnableAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "ops/webhooks/{subscriptionId}/enable")] HttpRequest request,
        string subscriptionId,
        CancellationToken cancellationToken) =>
        api.EnableAsync(request, subscriptionId, cancellationToken);

    [Function("OpsReplayWebhookRange")]
    public Task<IResult> ReplayRangeAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "ops/webhooks/{subscriptionId}/replay")] HttpRequest request,
        string subscriptionId,
        CancellationToken cancellationToken) =>
        api.ReplayRangeAsync(request, subscriptionId, cancellationToken);
}
