using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Hosting.Workflow;

/// <summary>The reports step of the workflow: its services and its HTTP routes.</summary>
public static class ReportsRegistration
{
    public static IServiceCollection AddReportsWorkflow(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app) => app;
}
