using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Hosting.Workflow;

/// <summary>The documents step of the workflow: its services and its HTTP routes.</summary>
public static class DocumentsRegistration
{
    public static IServiceCollection AddDocumentsWorkflow(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapDocumentsApi(this IEndpointRouteBuilder app) => app;
}
