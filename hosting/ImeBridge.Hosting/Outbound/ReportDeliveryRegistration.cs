using ImeBridge.Core.Messaging;
using ImeBridge.Core.Outbound.ReportDelivery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ImeBridge.Hosting.Outbound;

/// <summary>Report delivery with proof of service to every party the jurisdiction requires (docs/report-delivery.md).</summary>
public static class ReportDeliveryRegistration
{
    public static IServiceCollection AddReportDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ReportDeliveryOptions>().Bind(configuration.GetSection(ReportDeliveryOptions.Section));
        services.TryAddSingleton(ReportRecipientRules.Embedded);
        services.TryAddSingleton<IReportWebhookChannel, PartnerEventsReportWebhookChannel>();
        services.TryAddSingleton<IReportFhirChannel, FhirWriteBackReportChannel>();
        services.TryAddSingleton<ReportRecipientPlanner>();
        services.TryAddSingleton<ReportLinks>();
        services.TryAddSingleton<ReportDeliveryNotice>();
        services.TryAddSingleton<ReportDeliveryCompletion>();
        services.TryAddSingleton<ReportApprovedHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageHandler, ReportApprovedHandler>(sp => sp.GetRequiredService<ReportApprovedHandler>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageHandler, ReportReceiptHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageHandler, ReportReserveHandler>());
        services.TryAddSingleton<ReportRecipientActions>();
        services.TryAddScoped<ReportLinkApi>();
        services.TryAddScoped<ProofOfServiceApi>();
        services.TryAddScoped<ReportRecipientOpsApi>();
        return services;
    }

    public static IEndpointRouteBuilder MapReportDeliveryApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(
                "/api/report-links/{token}",
                (HttpRequest request, string token, [FromServices] ReportLinkApi api, CancellationToken cancellationToken) =>
                    api.DownloadAsync(request, token, cancellationToken))
            .WithName("DownloadServedReport");
        app.MapGet(
                "/api/ops/referrals/{referralId}/proof-of-service",
                (HttpRequest request, string referralId, [FromServices] ProofOfServiceApi api, CancellationToken cancellationToken) =>
                    api.ForOperatorAsync(request, referralId, cancellationToken))
            .WithName("OpsProofOfService");
        app.MapGet(
                "/api/referrals/{referralId}/proof-of-service",
                (HttpRequest request, string referralId, [FromServices] ProofOfServiceApi api, CancellationToken cancellationToken) =>
                    api.ForPartnerAsync(request, referralId, cancellationToken))
            .WithName("PartnerProofOfService");
        app.MapPost(
                "/api/ops/referrals/{referralId}/report-recipients/{recipientKey}/reserve",
                (HttpRequest request, string referralId, string recipientKey, [FromServices] ReportRecipientOpsApi api, CancellationToken cancellationToken) =>
                    api.ReserveAsync(request, referralId, recipientKey, cancellationToken))
            .WithName("OpsReserveReportRecipient");
        app.MapPost(
                "/api/ops/referrals/{referralId}/report-recipients/{recipientKey}/mark-served",
                (HttpRequest request, string referralId, string recipientKey, [FromServices] ReportRecipientOpsApi api, CancellationToken cancellationToken) =>
                    api.MarkServedAsync(request, referralId, recipientKey, cancellationToken))
            .WithName("OpsMarkReportRecipientServed");
        return app;
    }
}
