using ImeBridge.Adapters.PartnerWebhooks;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Outbound.PartnerEvents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ImeBridge.Hosting.Outbound;

/// <summary>Signed partner webhooks: subscriptions, delivery with retries, the delivery log and replay.</summary>
public static class PartnerWebhooksRegistration
{
    public static IServiceCollection AddPartnerWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton<IPartnerEventPublisher, PartnerEventPublisher>();
        services.TryAddSingleton<IPartnerReferralSnapshot, PartnerWebhookReferralSnapshot>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageHandler, ReferralReceivedPartnerEvents>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageHandler, ReferralStatusChangedPartnerEvents>());
        services.AddPartnerWebhookDelivery();
        services.AddHostedService<WebhookSubscriptionSeeder>();
        services.TryAddScoped<PartnerWebhooksOpsApi>();
        return services;
    }

    public static IEndpointRouteBuilder MapPartnerWebhooksApi(this IEndpointRouteBuilder app)
    {
        var ops = app.MapGroup("/api/ops");
        ops.MapGet("/partners/{partnerId}/webhooks", (HttpRequest request, string partnerId, [FromServices] PartnerWebhooksOpsApi api, CancellationToken ct) => api.ListAsync(request, partnerId, ct))
            .WithName("OpsListPartnerWebhooks");
        ops.MapPost("/partners/{partnerId}/webhooks", (HttpRequest request, string partnerId, [FromServices] PartnerWebhooksOpsApi api, CancellationToken ct) => api.CreateAsync(request, partnerId, ct))
            .WithName("OpsAddPartnerWebhook");
        ops.MapGet("/webhooks/deliveries", (HttpRequest request, [FromServices] PartnerWebhooksOpsApi api, CancellationToken ct) => api.DeliveriesAsync(request, ct))
            .WithName("OpsWebhookDeliveries");
        ops.MapPost("/webhooks/deliveries/{deliveryId}/replay", (HttpRequest request, string deliveryId, [FromServices] PartnerWebhooksOpsApi api, CancellationToken ct) => api.ReplayOneAsync(request, deliveryId, ct))
            .WithName("OpsReplayWebhookDelivery");
        ops.MapGet("/webhooks/{subscriptionId}", (HttpRequest request, string subscriptionId, [FromServices] PartnerWebhooksOpsApi api, CancellationToken ct) => api.GetAsync(request, subscriptionId, ct))
            .WithName("OpsGetWebhook");
        ops.MapDelete("/webhooks/{subscriptionId}", (HttpRequest request, string subscriptionId, [FromServices] PartnerWebhooksOpsApi api, CancellationToken ct) => api.DeleteAsync(request, subscriptionId, ct))
            .WithName("OpsRemoveWebhook");
        ops.MapPost("/webhooks/{subscriptionId}/enable", (HttpRequest request, string subscriptionId, [FromServices] PartnerWebhooksOpsApi api, CancellationToken ct) => api.EnableAsync(request, subscriptionId, ct))
            .WithName("OpsEnableWebhook");
        ops.MapPost("/webhooks/{subscriptionId}/replay", (HttpRequest request, string subscriptionId, [FromServices] PartnerWebhooksOpsApi api, CancellationToken ct) => api.ReplayRangeAsync(request, subscriptionId, ct))
            .WithName("OpsReplayWebhookRange");
        return app;
    }
}
