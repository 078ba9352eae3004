using ImeBridge.Core.Messaging;
using ImeBridge.Core.Workflow;
using ImeBridge.Core.Workflow.Reports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ImeBridge.Hosting.Workflow;

/// <summary>The reports step of the workflow: its services and its HTTP routes (see docs/reports.md).</summary>
public static class ReportsRegistration
{
    public static IServiceCollection AddReportsWorkflow(this IServiceCollection services)
    {
        services.AddOptions<ReportsOptions>()
            .BindConfiguration(ReportsOptions.Section)
            .Validate(
                o => string.IsNullOrWhiteSpace(o.WriterToken) || o.WriterToken.Trim().Length >= ReportsOptions.MinimumTokenLength,
                $"reports:writerToken must be at least {ReportsOptions.MinimumTokenLength} characters.")
            .Validate(o => o.MaxReportBytes > 0, "reports:maxReportBytes must be a positive number of bytes.")
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITransitionGuard, ReportApprovalGuard>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageHandler, ReportSubmittedHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageHandler, ReportReviewHandler>());
        services.TryAddScoped<ReportSubmissionApi>();
        services.TryAddScoped<ReportReviewApi>();
        services.TryAddScoped<ReportReadApi>();
        return services;
    }

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(
                "/api/reports",
                (HttpRequest request, [FromServices] ReportSubmissionApi api, CancellationToken cancellationToken) =>
                    api.SubmitAsync(request, cancellationToken))
            .WithName("SubmitReport")
            .DisableAntiforgery();
        app.MapPost(
                "/api/referrals/{referralId}/review",
                (HttpRequest request, string referralId, [FromServices] ReportReviewApi api, CancellationToken cancellationToken) =>
                    api.ReviewAsync(request, referralId, cancellationToken))
            .WithName("ReviewReport");
        app.MapGet(
                "/api/referrals/{referralId}/reports/{version:int}",
                (HttpRequest request, string referralId, int version, [FromServices] ReportReadApi api, CancellationToken cancellationToken) =>
                    api.ReadAsync(request, referralId, version, cancellationToken))
            .WithName("ReadReport");
        return app;
    }
}
