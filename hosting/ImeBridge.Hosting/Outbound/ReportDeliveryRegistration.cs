using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Hosting.Outbound;

/// <summary>Report delivery with proof of service to every party the jurisdiction requires.</summary>
public static class ReportDeliveryRegistration
{
    public static IServiceCollection AddReportDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }

    public static IEndpointRouteBuilder MapReportDeliveryApi(this IEndpointRouteBuilder app) => app;
}
