using ImeBridge.Adapters.SendGrid;
using ImeBridge.Adapters.SendGrid.EventWebhook;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ImeBridge.Hosting.Outbound;

/// <summary>Email over SendGrid (or the local outbox): the sender and the Event Webhook (/api/sendgrid/events).</summary>
public static class EmailRegistration
{
    /// <summary>
    /// Binds and validates the <c>sendgrid</c> section at start-up. With <c>sendgrid:apiKey</c> the
    /// <see cref="SendGridEmailSender"/> is the email sender; without it the local outbox (registered by
    /// <see cref="ImeBridgeBuilder.UseEmbedded(string)"/>) keeps every message as a file marked NOT SENT.
    /// </summary>
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SendGridOptions.Section);
        services.AddOptions<SendGridOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SendGridOptions>, SendGridOptionsValidator>());
        services.TryAddSingleton<SendGridEventWebhookKey>();
        services.TryAddSingleton<EmailEventProcessor>();
        services.TryAddScoped(sp => new SendGridEventsApi(
            sp.GetRequiredService<SendGridEventWebhookKey>(),
            sp.GetRequiredService<EmailEventProcessor>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<SendGridEventsApi>>()));
        if (!string.IsNullOrWhiteSpace(section["apiKey"]))
        {
            services.AddSendGridEmailSender();
        }

        return services;
    }

    public static IEndpointRouteBuilder MapEmailApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost(
                "/api/sendgrid/events",
                (HttpRequest request, [FromServices] SendGridEventsApi api, CancellationToken cancellationToken) =>
                    api.ReceiveAsync(request, cancellationToken))
            .WithName("ReceiveSendGridEvents");
        return app;
    }
}
