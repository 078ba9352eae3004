using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Hosting.Outbound;

/// <summary>SMS to claimants over Twilio: the sender, the consent ledger, the inbound and status webhooks (/api/twilio/*).</summary>
public static class SmsRegistration
{
    public static IServiceCollection AddSms(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }

    public static IEndpointRouteBuilder MapSmsApi(this IEndpointRouteBuilder app) => app;
}
