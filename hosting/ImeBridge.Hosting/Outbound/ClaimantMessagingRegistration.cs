using ImeBridge.Core.Messaging;
using ImeBridge.Core.Outbound;
using ImeBridge.Core.Outbound.ClaimantMessages;
using ImeBridge.Core.Outbound.ExpertNotices;
using ImeBridge.Core.Outbound.ReferrerNotices;
using ImeBridge.Core.Outbound.Templates;
using ImeBridge.Core.Outbound.Timing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ImeBridge.Hosting.Outbound;

/// <summary>
/// The claimant's notices and reminders (scheduling, quiet hours, fallback), the referrer's status notices and the
/// expert's packet link by email, and the operators' view of them (alerts, a referral's messages).
/// </summary>
public static class ClaimantMessagingRegistration
{
    public static IServiceCollection AddClaimantMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ClaimantMessagingOptions>()
            .BindConfiguration(ClaimantMessagingOptions.Section)
            .Validate(o => ValidSchedule(o.Reminders), "claimantMessaging:reminders: every offset must be positive, distinct and written like 7d, 72h, 90m")
            .Validate(o => o.PartnerReminders.Values.All(ValidSchedule), "claimantMessaging:partnerReminders: every offset must be positive, distinct and written like 7d, 72h, 90m")
            .Validate(o => o.LateCancellationWindow >= TimeSpan.Zero, "claimantMessaging:lateCancellationWindow must not be negative")
            .ValidateOnStart();
        services.TryAddSingleton<IMessageTemplates, FluidMessageTemplates>();
        services.TryAddSingleton<EmailOnce>();
        services.TryAddSingleton<AppointmentModelBuilder>();
        services.TryAddSingleton<ClaimantSms>();
        services.TryAddSingleton<ClaimantEmail>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageHandler, ClaimantMessagesScheduler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageHandler, ClaimantMessageHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageHandler, ClaimantFallbackHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageHandler, ReferrerNoticeHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageHandler, PacketLinkEmailHandler>());
        services.TryAddScoped<OpsOutboundApi>();
        return services;
    }

    private static bool ValidSchedule(ReminderScheduleOptions schedule) => new ReminderScheduleOptionsValidator().Validate(null, schedule).Succeeded;

    public static IEndpointRouteBuilder MapClaimantMessagingApi(this IEndpointRouteBuilder app)
    {
        var ops = app.MapGroup("/api/ops");
        ops.MapGet("/alerts", (HttpRequest request, [FromServices] OpsOutboundApi api, CancellationToken cancellationToken) => api.ListAlertsAsync(request, cancellationToken))
            .WithName("OpsListAlerts");
        ops.MapPost("/alerts/{key}/resolve", (HttpRequest request, string key, [FromServices] OpsOutboundApi api, CancellationToken cancellationToken) => api.ResolveAlertAsync(request, key, cancellationToken))
            .WithName("OpsResolveAlert");
        ops.MapGet("/referrals/{referralId}/messages", (HttpRequest request, string referralId, [FromServices] OpsOutboundApi api, CancellationToken cancellationToken) => api.ListMessagesAsync(request, referralId, cancellationToken))
            .WithName("OpsListReferralMessages");
        return app;
    }
}
