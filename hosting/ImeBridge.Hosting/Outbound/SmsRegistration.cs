using ImeBridge.Adapters.Http;
using ImeBridge.Adapters.Twilio;
using ImeBridge.Core.Outbound;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ImeBridge.Hosting.Outbound;

/// <summary>
/// SMS to claimants over Twilio: the sender, the consent ledger, the inbound and status webhooks (/api/twilio/*).
/// With <c>twilio:accountSid</c> the sender is <see cref="TwilioSmsSender"/>; without it the embedded host's local
/// outbox (<c>{data}/outbox/sms</c>) keeps each SMS unsent.
/// </summary>
public static class SmsRegistration
{
    /// <summary>SMS must never go twice: only answers saying Twilio did not act (429, connection refused) are retried in the call.</summary>
    public static OutboundHttpPolicy TwilioHttpPolicy { get; } = new()
    {
        RetryWhenMaybeReceived = false,
        AttemptTimeout = TimeSpan.FromSeconds(15),
        MaxAttempts = 3,
        MaxRetryAfter = TimeSpan.FromSeconds(10),
    };

    public static IServiceCollection AddSms(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TwilioOptions>().BindConfiguration(TwilioOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TwilioOptions>, TwilioOptionsValidator>());
        var twilio = configuration.GetSection(TwilioOptions.Section);
        if (!string.IsNullOrWhiteSpace(twilio["accountSid"]))
        {
            // An unusable apiBaseUrl is reported by the validator at start-up; the default keeps registration going until then.
            var apiBase = Uri.TryCreate(twilio["apiBaseUrl"], UriKind.Absolute, out var configured) ? configured : new Uri(TwilioOptions.DefaultApiBaseUrl);
            services.AddHttpClient(TwilioSmsSender.HttpClientName)
                .AddHttpMessageHandler(() => new TwilioApiBaseHandler(apiBase))
                .AddOutboundResilience("twilio", TwilioHttpPolicy);
            services.AddSingleton<ISmsSender, TwilioSmsSender>();
        }

        services.TryAddSingleton(SmsKeywords.Embedded);
        services.TryAddSingleton(SmsReplies.Embedded);
        services.TryAddSingleton<TwilioRequestVerifier>();
        services.TryAddScoped<TwilioInboundSmsApi>();
        services.TryAddScoped<TwilioStatusCallbackApi>();
        return services;
    }

    public static IEndpointRouteBuilder MapSmsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost(
                TwilioInboundSmsApi.Route,
                (HttpRequest request, [FromServices] TwilioInboundSmsApi api, CancellationToken cancellationToken) => api.ReceiveAsync(request, cancellationToken))
            .WithName("ReceiveTwilioSms")
            .DisableAntiforgery();
        app.MapPost(
                TwilioStatusCallbackApi.Route,
                (HttpRequest request, [FromServices] TwilioStatusCallbackApi api, CancellationToken cancellationToken) => api.ReceiveAsync(request, cancellationToken))
            .WithName("ReceiveTwilioStatus")
            .DisableAntiforgery();
        return app;
    }
}
