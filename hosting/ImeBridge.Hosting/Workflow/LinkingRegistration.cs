using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Hosting.Workflow;

/// <summary>The linking step of the workflow: its services and its HTTP routes.</summary>
public static class LinkingRegistration
{
    public static IServiceCollection AddLinkingWorkflow(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapLinkingApi(this IEndpointRouteBuilder app) => app;
}
