using ImeBridge.Adapters.Http;
using ImeBridge.Core.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ImeBridge.Adapters.PartnerWebhooks;

public static class PartnerWebhooksServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PartnerWebhookDeliveryHandler"/> and its named HTTP client with the outbound resilience
    /// pipeline (<see cref="PartnerWebhookHttp.Policy"/>). Subscriptions, the delivery log and the clock come from the host.
    /// </summary>
    public static IServiceCollection AddPartnerWebhookDelivery(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHttpClient(PartnerWebhookHttp.ClientName)
            .AddOutboundResilience(PartnerWebhookHttp.ClientName, PartnerWebhookHttp.Policy())
            // Added after the pipeline, so it runs inside it and sees every try.
            .AddHttpMessageHandler(sp => new InCallAttemptRecorder(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageHandler, PartnerWebhookDeliveryHandler>());
        return services;
    }
}
