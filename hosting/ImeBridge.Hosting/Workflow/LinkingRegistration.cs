using ImeBridge.Core.Messaging;
using ImeBridge.Core.Workflow.Linking;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ImeBridge.Hosting.Workflow;

/// <summary>
/// The linking step of the workflow. Triage finds and links the duplicate (it needs no registration of its own);
/// <see cref="ReferralLinkedHandler"/> records the link on the referral the exam goes on in. No HTTP routes: a partner
/// reads a link as the Linked status and its reason, an operator on both timelines.
/// </summary>
public static class LinkingRegistration
{
    public static IServiceCollection AddLinkingWorkflow(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageHandler, ReferralLinkedHandler>());
        return services;
    }

    public static IEndpointRouteBuilder MapLinkingApi(this IEndpointRouteBuilder app) => app;
}
