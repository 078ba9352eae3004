using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Hosting.Workflow;

/// <summary>The scheduling step of the workflow: its services and its HTTP routes.</summary>
public static class SchedulingRegistration
{
    public static IServiceCollection AddSchedulingWorkflow(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapSchedulingApi(this IEndpointRouteBuilder app) => app;
}
