using ImeBridge.Core.Messaging;
using ImeBridge.Core.Workflow;
using ImeBridge.Core.Workflow.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ImeBridge.Hosting.Workflow;

/// <summary>
/// The scheduling step of the workflow: booking on DocumentsReady and Rescheduled, releasing the slot when an
/// appointment ends, the limits on reschedules and no-shows (the <c>scheduling</c> configuration section), and the
/// operator's "book again" route.
/// </summary>
public static class SchedulingRegistration
{
    public static IServiceCollection AddSchedulingWorkflow(this IServiceCollection services)
    {
        services.AddOptions<SchedulingOptions>()
            .BindConfiguration(SchedulingOptions.Section)
            .Validate(o => o.MaxReschedules >= 0 && o.MaxNoShows >= 0, "scheduling.maxReschedules and scheduling.maxNoShows must be 0 or more")
            .ValidateOnStart();
        services.TryAddSingleton<AppointmentBooker>();
        services.TryAddSingleton<AppointmentScheduler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageHandler, SchedulingHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageHandler, ScheduleRequestedHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITransitionGuard, RescheduleLimitGuard>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITransitionGuard, NoShowLimitGuard>());
        services.TryAddScoped<SchedulingOpsApi>();
        return services;
    }

    public static IEndpointRouteBuilder MapSchedulingApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(
                "/api/ops/referrals/{referralId}/schedule",
                (HttpRequest request, string referralId, [FromServices] SchedulingOpsApi api, CancellationToken cancellationToken) => api.RetryAsync(request, referralId, cancellationToken))
            .WithName("OpsScheduleReferralAgain");
        return app;
    }
}
