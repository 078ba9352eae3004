using ImeBridge.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ImeBridge.Functions;

/// <summary>
/// Everything the Functions app registers beyond the Functions worker itself: the shared composition root on the
/// engines the app settings name (<c>store</c>, <c>bus</c>, …; embedded by default), and the function classes (so tests can resolve them from the same container).
/// </summary>
public static class FunctionsComposition
{
    public static ImeBridgeBuilder AddImeBridgeFunctions(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<ReceivePartnerReferral>();
        builder.Services.AddScoped<GetReferral>();
        builder.Services.AddScoped<Health>();
        builder.Services.AddScoped<ReceiveInboundEmail>();
        builder.Services.AddScoped<PollSftpPartners>();
        builder.Services.AddScoped<PollMailbox>();
        builder.Services.AddScoped<ReceiveFhir>();
        builder.Services.AddScoped<PollFhirPartners>();
        builder.Services.AddScoped<Operations>();
        builder.Services.AddScoped<OperationsExperts>();
        builder.Services.AddScoped<Documents>();
        builder.Services.AddScoped<Scheduling>();
        builder.Services.AddScoped<Reports>();
        builder.Services.AddScoped<Twilio>();
        builder.Services.AddScoped<SendGridEvents>();
        builder.Services.AddScoped<OperationsWebhooks>();
        builder.Services.AddScoped<OperationsOutbound>();
        builder.Services.AddScoped<ReportDelivery>();
        builder.Services.AddScoped<OperationsReportRecipients>();
        builder.Services.AddScoped<OperationsOutboxRefused>();
        builder.Services.AddScoped<SweepStuckWork>();
        return builder.AddImeBridge().UseConfiguredEngines(FunctionsDataDirectory.Resolve(builder.Configuration));
    }
}
